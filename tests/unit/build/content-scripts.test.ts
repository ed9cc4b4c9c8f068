// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { TOOLBAR_CSS } from '../../../components/Toolbar';
import { PAGE_CSS, WIDGET_CSS } from '../../../lib/content/styles';
import { collapseCss } from '../../../scripts/build/content-scripts';

/** The rules a browser reads from `css`: selectors (jsdom keeps their spacing as written: normalised here) and
 *  declarations, as it writes them back. */
function rules(css: string): string[][] {
  const style = document.createElement('style');
  style.textContent = css;
  document.head.append(style);
  const parsed = [...style.sheet!.cssRules].map((r) => {
    const rule = r as CSSStyleRule;
    return [rule.selectorText.replace(/\s*([>,])\s*/g, '$1'), rule.style.cssText];
  });
  style.remove();
  return parsed;
}

describe('collapseCss (content script builds)', () => {
  it.each([
    ['WIDGET_CSS', WIDGET_CSS],
    ['PAGE_CSS', PAGE_CSS],
    ['TOOLBAR_CSS', TOOLBAR_CSS],
  ])('%s: the same rules, shorter', (_name, css) => {
    const collapsed = collapseCss(css);
    expect(rules(css).length).toBe(css.split('{').length - 1);
    expect(rules(collapsed)).toEqual(rules(css));
    expect(collapsed).not.toMatch(/\/\*|\n| {2}|; ?}|: /);
    expect(collapsed.length).toBeLessThan(css.length * 0.9);
  });

  it('keeps quoted strings and the spaces that separate values', () => {
    const css = `/* note: "x" */\na > b , c :hover { font: 12px "Segoe  UI" , serif;\n  margin: 0  4px ; }\n`;
    expect(collapseCss(css)).toBe('a>b,c :hover{font:12px "Segoe  UI",serif;margin:0 4px}');
  });
});
