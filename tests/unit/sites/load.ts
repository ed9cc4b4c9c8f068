// Shared by the site adapter tests: fixtures parsed as the browser would.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const FIXTURES = join(process.cwd(), 'tests', 'fixtures'); // vitest runs from the repository root;

export function fixtureText(path: string): string {
  return readFileSync(join(FIXTURES, path), 'utf8');
}

export function parseHtml(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

export function loadFixture(path: string): Document {
  return parseHtml(fixtureText(path));
}
