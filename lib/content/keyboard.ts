// Keyboard triage on listings: j/k move, r read, e reading, s save, t tag, n note, o open, ? help.
// Keys never fire while the user types (page inputs, the site's search, our own editors) and never with
// modifiers; the site's own handlers run first and win (a prevented event is left alone).

import type { Mount } from './annotator';
import { markPageElement } from './styles';

export const TRIAGE_KEYS: ReadonlyArray<readonly [key: string, action: string]> = [
  ['j', 'Next paper'],
  ['k', 'Previous paper'],
  ['r', 'Mark read / unread'],
  ['e', 'Mark reading / unread'],
  ['s', 'Save to / remove from library'],
  ['t', 'Add a tag'],
  ['n', 'Write a note'],
  ['o', 'Open the paper in a new tab'],
  ['?', 'Show these keys'],
];

export interface TriageTarget {
  /** Cards the user can currently see, in page order. */
  cards(): Mount[];
  act(mount: Mount, key: 'r' | 'e' | 's' | 't' | 'n' | 'o'): void;
  toggleHelp(): void;
}

export function isTyping(event: Event): boolean {
  const target = event.composedPath()[0];
  if (!(target instanceof Element)) return false;
  if (target instanceof HTMLElement && target.isContentEditable) return true;
  return /^(input|textarea|select)$/i.test(target.tagName) || target.getAttribute('role') === 'textbox';
}

export class KeyboardTriage {
  private focused: Mount | undefined;

  constructor(private readonly target: TriageTarget) {}

  get current(): Mount | undefined {
    return this.focused;
  }

  onKeyDown = (event: KeyboardEvent): void => {
    if (!event.isTrusted || event.defaultPrevented) return;
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event)) return;
    const key = event.key;
    if (key === '?') {
      this.target.toggleHelp();
      return;
    }
    if (key === 'j' || key === 'k') {
      this.move(key === 'j' ? 1 : -1);
      return;
    }
    if (key === 'r' || key === 'e' || key === 's' || key === 't' || key === 'n' || key === 'o') {
      const mount = this.focusedCard();
      if (!mount) return;
      // Opening an editor must not also type the key into it.
      if (key === 't' || key === 'n') event.preventDefault();
      this.target.act(mount, key);
    }
  };

  /** The focused card, if it is still on the page and visible. */
  private focusedCard(): Mount | undefined {
    const cards = this.target.cards();
    return this.focused && cards.includes(this.focused) ? this.focused : undefined;
  }

  move(step: 1 | -1): void {
    const cards = this.target.cards();
    if (!cards.length) return;
    const index = this.focused ? cards.indexOf(this.focused) : -1;
    const next =
      index === -1
        ? step === 1
          ? 0
          : cards.length - 1
        : Math.min(Math.max(index + step, 0), cards.length - 1);
    this.focus(cards[next]!);
  }

  focus(mount: Mount): void {
    this.focused?.card.removeAttribute('data-margins-focused');
    this.focused = mount;
    markPageElement(mount.card, 'data-margins-focused');
    mount.card.scrollIntoView({ block: 'nearest' });
  }

  clear(): void {
    if (this.focused) this.focused.card.removeAttribute('data-margins-focused');
    this.focused = undefined;
  }
}
