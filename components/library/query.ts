// The clickable filters of the popup and the library page, written into the query the search engine reads,
// so a click and typing `status:read tag:"deep rl"` mean exactly the same.

import type { ReadStatus } from '../../lib/types';

export interface ClickFilters {
  status?: ReadStatus;
  tag?: string;
}

export function withFilters(typed: string, { status, tag }: ClickFilters): string {
  const parts = [typed.trim()];
  if (status) parts.push(`status:${status}`);
  if (tag) parts.push(`tag:"${tag.replace(/["“”]/g, '')}"`);
  return parts.filter(Boolean).join(' ');
}
