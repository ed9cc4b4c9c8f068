// Author names as cards show them ("Ashish Vaswani", "Jan van der Berg", "Martin Luther King Jr.") split
// into the parts citation formats want. The rules are BibTeX's own: the last word is the family name, the
// lowercase words before it are its particle ("van der"), a trailing "Jr."/"III" is a suffix; a name that
// already has a comma is taken as "Last, First" or "Last, Suffix, First".

export interface PersonName {
  /** Family name without particle: "Berg". */
  family: string;
  given: string;
  /** Lowercase words before the family name: "van der". */
  particle: string;
  suffix: string;
  /** Set for an organisation ("ATLAS Collaboration"): the whole name, never split. */
  literal?: string;
}

const SUFFIX = /^(?:jr|sr|jnr|snr)\.?$|^(?:ii|iii|iv|v|vi)$/i;
const ORGANISATION =
  /\b(?:collaboration|consortium|team|group|project|institute|laboratory|lab|organi[sz]ation|society|committee|association|initiative|alliance|foundation|university|inc|ltd)\b\.?/i;

function words(text: string): string[] {
  return text.trim().split(/\s+/).filter(Boolean);
}

/** Lowercase-initial words are particles in BibTeX's sense ("van", "de", "von", "di"). */
function isParticle(word: string): boolean {
  const first = word.charAt(0);
  return first !== first.toUpperCase();
}

function splitFamily(lastPart: string[]): Pick<PersonName, 'family' | 'particle'> {
  let i = 0;
  while (i < lastPart.length - 1 && isParticle(lastPart[i]!)) i++;
  return { particle: lastPart.slice(0, i).join(' '), family: lastPart.slice(i).join(' ') };
}

const cache = new Map<string, PersonName>();
const CACHE_SIZE = 20_000;

/** Parsed names are cached: a library names the same authors over and over, and exports parse every one. */
export function parseName(raw: string): PersonName {
  let parsed = cache.get(raw);
  if (!parsed) {
    if (cache.size >= CACHE_SIZE) cache.clear();
    parsed = Object.freeze(parseUncached(raw));
    cache.set(raw, parsed);
  }
  return parsed;
}

function parseUncached(raw: string): PersonName {
  const name = raw.replace(/\s+/g, ' ').trim();
  const none = { family: '', given: '', particle: '', suffix: '' };
  if (!name) return none;
  if (ORGANISATION.test(name)) return { ...none, family: name, literal: name };

  const parts = name.split(',').map((p) => p.trim());
  if (parts.length >= 2) {
    // "First Last, Jr." has a suffix after the comma; otherwise the part before the first comma is the last name.
    if (parts.length === 2 && SUFFIX.test(parts[1]!))
      return { ...parseUncached(parts[0]!), suffix: parts[1]! };
    const lastWords = words(parts[0]!);
    const suffix = parts.length >= 3 ? parts[1]! : '';
    const given = parts.slice(parts.length >= 3 ? 2 : 1).join(' ');
    return { ...splitFamily(lastWords), given, suffix };
  }

  const all = words(name);
  let suffix = '';
  if (all.length > 2 && SUFFIX.test(all[all.length - 1]!)) suffix = all.pop()!;
  if (all.length === 1) return { ...none, family: all[0]!, suffix };
  // The particle starts at the first lowercase word after the given name ("Jan van der Berg").
  let start = all.length - 1;
  for (let i = 1; i < all.length - 1; i++) {
    if (isParticle(all[i]!)) {
      start = i;
      break;
    }
  }
  return { ...splitFamily(all.slice(start)), given: all.slice(0, start).join(' '), suffix };
}

/** `format` with a cache for one export: a library names the same authors paper after paper. */
export function perName<T>(format: (raw: string) => T): (raw: string) => T {
  const done = new Map<string, T>();
  return (raw) => {
    let formatted = done.get(raw);
    if (formatted === undefined) done.set(raw, (formatted = format(raw)));
    return formatted;
  };
}

/** Family name with its particle, as reference managers store it: "van der Berg". */
export function fullFamily(name: PersonName): string {
  return name.literal ?? [name.particle, name.family].filter(Boolean).join(' ');
}
