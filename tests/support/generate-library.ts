// A deterministic, realistic-looking library of saved papers for tests and benchmarks.
// Same (n, seed) gives the same records on every machine: all randomness comes from one seeded generator,
// and timestamps count from a fixed epoch rather than the clock.
//
// What makes it realistic enough for search: arXiv-shaped ids (new style 4- and 5-digit, a few old style with
// an archive), titles and abstracts built from an ML vocabulary with a Zipf-like skew plus a coined method name
// per paper (real abstracts name their method, which gives the long tail of rare terms a real index has),
// author names from many languages including accented ones, tags from a pool of 40 (some multi-word),
// all three read statuses, notes on about a fifth of the papers.

import type { PaperRecord, ReadStatus, Sighting } from '../../lib/types';

/** 2026-01-01T00:00:00Z: "now" for generated libraries. */
export const GENERATED_NOW = Date.UTC(2026, 0, 1);

export const TAG_POOL: readonly string[] = [
  'llm',
  'diffusion',
  'deep rl',
  'rlhf',
  'vision',
  'nlp',
  'speech',
  'robotics',
  'graphs',
  'theory',
  'optimization',
  'benchmark',
  'dataset',
  'survey',
  'agents',
  'multimodal',
  'efficiency',
  'quantization',
  'interpretability',
  'alignment',
  'safety',
  'retrieval',
  'rag',
  'code',
  'math',
  'reasoning',
  'to read later',
  'reading group',
  'thesis',
  'cite',
  'baseline',
  'sota',
  'video',
  '3d',
  'audio',
  'medical',
  'federated',
  'privacy',
  'Bayesian',
  'Schrödinger bridge',
];

const FIRST_NAMES = [
  'Wei',
  'Yuxin',
  'Jian',
  'Xiaowu',
  'Mei',
  'Hao',
  'Priya',
  'Arjun',
  'Ananya',
  'Rahul',
  'Sofia',
  'Lucas',
  'Emma',
  'Noah',
  'Olivia',
  'Liam',
  'José',
  'María',
  'Inés',
  'Andrés',
  'François',
  'Hélène',
  'Chloé',
  'Jérôme',
  'Zoë',
  'Søren',
  'Åsa',
  'Bjørn',
  'Jürgen',
  'Jörg',
  'Günther',
  'Łukasz',
  'Małgorzata',
  'Jiří',
  'Tomáš',
  'Ümit',
  'Çağla',
  'Nguyễn',
  'Thảo',
  'Hiroshi',
  'Yuki',
  'Sakura',
  'Min-jun',
  'Seo-yeon',
  'Oluwaseun',
  'Chiamaka',
  'Ahmed',
  'Fatma',
  'Dmitri',
  'Anastasia',
];

const LAST_NAMES = [
  'Wang',
  'Li',
  'Zhang',
  'Liu',
  'Chen',
  'Yang',
  'Huang',
  'Zhao',
  'Wu',
  'Zhou',
  'Sun',
  'Ma',
  'Kumar',
  'Sharma',
  'Patel',
  'Gupta',
  'Smith',
  'Johnson',
  'Brown',
  'Miller',
  'Davis',
  'Garcia',
  'Rodríguez',
  'Martínez',
  'Hernández',
  'López',
  'Núñez',
  'Müller',
  'Schröder',
  'Schrödinger',
  'Weiß',
  'Köhler',
  'Dvořák',
  'Nováková',
  'Wójcik',
  'Łęcki',
  'Lefèvre',
  'Dubois',
  'Gaël',
  'Ångström',
  'Sørensen',
  'Kowalski',
  'Öztürk',
  'Yılmaz',
  'Çelik',
  'Tanaka',
  'Suzuki',
  'Kim',
  'Park',
  'Nguyen',
  'Trần',
  'Ivanov',
  'Petrova',
  'Okafor',
  'Adeyemi',
  'Haddad',
  'Ben-David',
  "O'Neill",
  'van der Berg',
  'de la Cruz',
];

// Ordered roughly by how often they appear in ML abstracts: the sampler favours the front of each list.
const ADJECTIVES = [
  'efficient',
  'scalable',
  'robust',
  'neural',
  'large',
  'sparse',
  'multimodal',
  'generative',
  'adaptive',
  'hierarchical',
  'contrastive',
  'self-supervised',
  'probabilistic',
  'unified',
  'lightweight',
  'differentiable',
  'causal',
  'compositional',
  'interpretable',
  'zero-shot',
  'few-shot',
  'federated',
  'continual',
  'equivariant',
  'autoregressive',
  'variational',
  'stochastic',
  'decentralized',
  'bayesian',
  'geometric',
  'temporal',
  'spectral',
  'latent',
  'implicit',
  'modular',
  'long-context',
  'open-vocabulary',
  'physics-informed',
  'training-free',
  'parameter-efficient',
];

const NOUNS = [
  'transformer',
  'model',
  'network',
  'learning',
  'language',
  'representation',
  'attention',
  'diffusion',
  'policy',
  'agent',
  'graph',
  'optimization',
  'inference',
  'retrieval',
  'generation',
  'reasoning',
  'alignment',
  'embedding',
  'encoder',
  'decoder',
  'tokenizer',
  'benchmark',
  'dataset',
  'distillation',
  'quantization',
  'pruning',
  'adapter',
  'reward',
  'planner',
  'segmentation',
  'detection',
  'tracking',
  'reconstruction',
  'synthesis',
  'calibration',
  'uncertainty',
  'robustness',
  'memory',
  'compression',
  'kernel',
  'manifold',
  'operator',
  'sampler',
  'estimator',
  'mixture',
  'experts',
  'routing',
  'curriculum',
  'preference',
  'feedback',
];

const TASKS = [
  'language modeling',
  'image classification',
  'object detection',
  'machine translation',
  'question answering',
  'code generation',
  'mathematical reasoning',
  'text-to-image generation',
  'video understanding',
  'speech recognition',
  'protein folding',
  'molecule design',
  'autonomous driving',
  'robot manipulation',
  'recommendation',
  'time series forecasting',
  'anomaly detection',
  'semantic segmentation',
  'pose estimation',
  'document understanding',
  'tabular prediction',
  'weather forecasting',
  'medical imaging',
  'graph classification',
  'link prediction',
  'summarization',
  'dialogue',
  'instruction following',
  'tool use',
  'theorem proving',
];

const DATASETS = [
  'ImageNet',
  'COCO',
  'GLUE',
  'SuperGLUE',
  'MMLU',
  'GSM8K',
  'HumanEval',
  'LibriSpeech',
  'CIFAR-10',
  'WikiText-103',
  'Atari',
  'MuJoCo',
  'ScanNet',
  'Kinetics-400',
  'OGB',
  'SQuAD',
  'BIG-bench',
  'ARC',
  'MATH',
  'SWE-bench',
];

const VERBS = [
  'improves',
  'outperforms',
  'reduces',
  'matches',
  'generalizes to',
  'scales to',
  'surpasses',
  'accelerates',
];

const SYLLABLES = [
  'ka',
  'lo',
  'mi',
  'ra',
  'ven',
  'tor',
  'zen',
  'qu',
  'ix',
  'ar',
  'neo',
  'flu',
  'syn',
  'pha',
  'dro',
  'lum',
  'vis',
  'gra',
  'mo',
  'tra',
  'cel',
  'ori',
  'sta',
  'pix',
  'hel',
  'ny',
  'ze',
  'bo',
  'cor',
  'dal',
];

const METHOD_SUFFIXES = [
  'Net',
  'Former',
  'GPT',
  'Diff',
  'LM',
  'BERT',
  'Bench',
  'Agent',
  'Flow',
  'GAN',
  '',
  '-2',
  'X',
];

const OLD_ARCHIVES = ['hep-th', 'hep-ph', 'astro-ph', 'cond-mat', 'quant-ph', 'math', 'cs', 'physics'];

const CATEGORIES = [
  'cs.LG',
  'cs.CL',
  'cs.CV',
  'cs.AI',
  'stat.ML',
  'cs.RO',
  'cs.IR',
  'eess.AS',
  'math.OC',
  'q-bio.BM',
];

const NOTE_TEMPLATES = [
  'Compare with {method} in the related work section.',
  'Key idea: {adj} {noun} on top of a frozen backbone. Check the appendix for the ablations.',
  'Reproduce the {dataset} numbers before citing.',
  'Good intro to {task}; read section 3 again.',
  'Asked {author} about the code, no answer yet.',
  'Could replace our {noun} baseline.',
  'Très intéressant — résumé pour le séminaire.',
  'Same group as the {method} paper.',
];

const DAY_MS = 86_400_000;

/** mulberry32: tiny, fast, and good enough for test data; deterministic for a given seed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Sampler {
  constructor(readonly random: () => number) {}

  int(min: number, max: number): number {
    return min + Math.floor(this.random() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  /** Uniform pick. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.random() * items.length)]!;
  }

  /** Favours the front of the list (roughly Zipf-like), as word frequencies do. */
  skewed<T>(items: readonly T[]): T {
    const r = this.random();
    return items[Math.floor(r * r * items.length)]!;
  }

  distinct<T>(items: readonly T[], count: number, draw: () => T = () => this.pick(items)): T[] {
    const chosen = new Set<T>();
    for (let attempts = 0; chosen.size < Math.min(count, items.length) && attempts < count * 20; attempts++) {
      chosen.add(draw());
    }
    return [...chosen];
  }
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

function plural(noun: string): string {
  if (noun.endsWith('sis')) return `${noun.slice(0, -3)}ses`;
  if (/(ss|x)$/.test(noun)) return `${noun}es`;
  if (noun.endsWith('s')) return noun;
  if (/[^aeiou]y$/.test(noun)) return `${noun.slice(0, -1)}ies`;
  return `${noun}s`;
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

function withArticle(word: string): string {
  return `${article(word)} ${word}`;
}

function titleCase(phrase: string): string {
  return phrase
    .split(' ')
    .map((word) => (word.length > 3 || word === phrase.split(' ')[0] ? capitalize(word) : word))
    .join(' ');
}

function coinMethodName(s: Sampler): string {
  const stem = Array.from({ length: s.int(2, 3) }, () => s.pick(SYLLABLES)).join('');
  return capitalize(stem) + s.pick(METHOD_SUFFIXES);
}

interface PaperWords {
  method: string;
  adj: string;
  noun: string;
  task: string;
  dataset: string;
}

function makeTitle(s: Sampler, w: PaperWords): string {
  const adj2 = s.distinct(ADJECTIVES, 1, () => s.skewed(ADJECTIVES)).find((a) => a !== w.adj) ?? 'novel';
  const noun2 = s.pick(NOUNS.filter((n) => n !== w.noun));
  const templates = [
    () => `${w.method}: ${titleCase(`${w.adj} ${plural(w.noun)} for ${w.task}`)}`,
    () => titleCase(`${w.adj} ${w.noun} ${noun2} for ${w.task}`),
    () => `${titleCase(`towards ${w.adj} ${w.task} with ${adj2} ${plural(w.noun)}`)}`,
    () => `${w.method}: ${titleCase(`${withArticle(w.adj)} ${w.noun} for ${w.task}`)}`,
    () => titleCase(`on the ${noun2} of ${w.adj} ${plural(w.noun)}`),
    () => `${titleCase(`scaling ${w.adj} ${plural(w.noun)} to ${w.task}`)}`,
    () => `${titleCase(`${w.task} via ${adj2} ${w.noun} ${noun2}`)}`,
    () => `${w.method}: ${titleCase(`learning ${w.adj} ${plural(w.noun)} from ${w.dataset}`)}`,
  ];
  return s.pick(templates)();
}

function makeAbstract(s: Sampler, w: PaperWords): string {
  const any = <T>(items: readonly T[]) => s.skewed(items);
  const sentences = [
    `${capitalize(w.task)} remains challenging for ${any(ADJECTIVES)} ${plural(any(NOUNS))}, which often rely on ${any(ADJECTIVES)} ${any(NOUNS)} and ${any(NOUNS)}.`,
    `Existing approaches to ${any(TASKS)} typically trade ${any(NOUNS)} for ${any(NOUNS)}, limiting their use in ${any(TASKS)}.`,
    `We propose ${w.method}, ${article(w.adj)} ${w.adj} ${w.noun} that combines ${any(ADJECTIVES)} ${any(NOUNS)} with ${any(ADJECTIVES)} ${any(NOUNS)}.`,
    `Our key insight is that ${any(ADJECTIVES)} ${any(NOUNS)} can be learned without ${any(ADJECTIVES)} ${any(NOUNS)}, which enables ${any(ADJECTIVES)} ${any(NOUNS)} at scale.`,
    `We further introduce ${withArticle(any(ADJECTIVES))} ${any(NOUNS)} objective and a ${any(NOUNS)} ${any(NOUNS)} strategy.`,
    `Unlike prior work on ${any(TASKS)}, our ${any(NOUNS)} requires neither ${any(ADJECTIVES)} ${any(NOUNS)} nor ${any(NOUNS)} supervision.`,
    `We provide a theoretical analysis showing that the ${any(NOUNS)} converges under ${any(ADJECTIVES)} assumptions on the ${any(NOUNS)}.`,
    `Experiments on ${s.int(3, 12)} ${any(TASKS)} benchmarks, including ${s.pick(DATASETS)}, demonstrate consistent gains in ${any(NOUNS)} and ${any(NOUNS)}.`,
    `On ${w.dataset} and ${s.pick(DATASETS)}, ${w.method} ${s.pick(VERBS)} strong ${any(NOUNS)} baselines by ${s.int(1, 25)}.${s.int(0, 9)}% while using ${s.int(2, 10)}x fewer parameters.`,
    `Ablations show that the ${any(NOUNS)} and the ${any(ADJECTIVES)} ${any(NOUNS)} are both necessary.`,
    `We also analyze the ${any(NOUNS)} of ${any(ADJECTIVES)} ${plural(any(NOUNS))} and find that ${any(NOUNS)} ${s.pick(VERBS)} ${any(NOUNS)} in ${any(TASKS)}.`,
    `Code and models are publicly available.`,
  ];
  // Always the problem and the proposal, then a varying selection of the rest in order.
  const kept = sentences.filter((_, i) => i === 0 || i === 2 || s.chance(0.7));
  return kept.join(' ');
}

function makeAuthor(s: Sampler): string {
  const first = s.pick(FIRST_NAMES);
  const middle = s.chance(0.1) ? ` ${s.pick(FIRST_NAMES).charAt(0)}.` : '';
  return `${first}${middle} ${s.pick(LAST_NAMES)}`;
}

/** arXiv ids in the shape the date implies: YYMM.NNNN before 2015, YYMM.NNNNN after, and a few old
 *  `archive/YYMMNNN` ids for papers "published" before April 2007. */
function makeArxivId(s: Sampler, date: Date, oldStyle: boolean): string {
  const yy = String(date.getUTCFullYear() % 100).padStart(2, '0');
  const mm = String(date.getUTCMonth() + 1).padStart(2, '0');
  if (oldStyle) return `${s.pick(OLD_ARCHIVES)}/${yy}${mm}${String(s.int(1, 999)).padStart(3, '0')}`;
  // Monthly submissions stay under these counts, so numbers above them would look wrong.
  const [digits, monthlyMax] = date.getUTCFullYear() >= 2015 ? [5, 29_999] : [4, 9_999];
  return `${yy}${mm}.${String(s.int(1, monthlyMax)).padStart(digits, '0')}`;
}

function makeNote(s: Sampler, w: PaperWords, authors: string[]): string {
  const note = s
    .pick(NOTE_TEMPLATES)
    .replace('{method}', coinMethodName(s))
    .replace('{adj}', w.adj)
    .replace('{noun}', w.noun)
    .replace('{dataset}', w.dataset)
    .replace('{task}', w.task)
    .replace('{author}', authors[0] ?? 'the authors');
  return s.chance(0.3) ? `${note}\n${s.pick(NOTE_TEMPLATES).replace(/\{\w+\}/g, w.noun)}` : note;
}

/** `n` papers as the library would store them, all distinct ids, in no particular order. */
export function generateLibrary(n: number, seed = 1): PaperRecord[] {
  const s = new Sampler(seededRandom(seed));
  const usedIds = new Set<string>();
  const records: PaperRecord[] = [];
  const newStyleStart = Date.UTC(2007, 3, 1);
  const oldStyleStart = Date.UTC(1992, 0, 1);

  while (records.length < n) {
    const oldStyle = s.chance(0.02);
    // Recent years dominate a real library: skew publication dates toward GENERATED_NOW.
    const start = oldStyle ? oldStyleStart : newStyleStart;
    const end = oldStyle ? newStyleStart - DAY_MS : GENERATED_NOW - DAY_MS;
    const published = new Date(end - Math.floor(s.random() ** 3 * (end - start)));
    const arxivId = makeArxivId(s, published, oldStyle);
    const id = `arxiv:${arxivId}`;
    if (usedIds.has(id)) continue;
    usedIds.add(id);

    const words: PaperWords = {
      method: coinMethodName(s),
      adj: s.skewed(ADJECTIVES),
      noun: s.skewed(NOUNS),
      task: s.skewed(TASKS),
      dataset: s.pick(DATASETS),
    };
    const authors = Array.from({ length: s.chance(0.1) ? s.int(8, 25) : s.int(1, 7) }, () => makeAuthor(s));
    const tagCount = s.chance(0.3) ? 0 : s.int(1, 4);
    const tags = s.distinct(TAG_POOL, tagCount, () => s.skewed(TAG_POOL));
    const status: ReadStatus = s.pick(['unread', 'unread', 'unread', 'reading', 'read', 'read'] as const);

    // Saved some time after publication; later edits after saving; touched when the user acted on it.
    const sinceRelease = GENERATED_NOW - published.getTime();
    const createdAt = published.getTime() + Math.floor(s.random() * Math.min(400 * DAY_MS, sinceRelease));
    const updatedAt = createdAt + Math.floor(s.random() * (GENERATED_NOW - createdAt));
    const touched = status !== 'unread' || tags.length > 0 || s.chance(0.5);
    const touchedAt = touched ? createdAt + Math.floor(s.random() * (updatedAt - createdAt)) : undefined;
    const site = s.chance(0.6) ? 'huggingface' : 'arxiv';
    const seen: Sighting[] = [
      {
        site,
        url:
          site === 'huggingface'
            ? `https://huggingface.co/papers/${arxivId}`
            : 'https://arxiv.org/list/cs.LG/new',
        at: createdAt,
      },
    ];
    const primaryCategory = s.skewed(CATEGORIES);

    records.push({
      id,
      title: makeTitle(s, words),
      authors,
      abstract: makeAbstract(s, words),
      published: published.toISOString().slice(0, 10),
      primaryCategory,
      categories: [primaryCategory, ...(s.chance(0.5) ? [s.pick(CATEGORIES)] : [])].filter(
        (c, i, all) => all.indexOf(c) === i,
      ),
      seen,
      status,
      tags,
      note: s.chance(0.2) ? makeNote(s, words, authors) : '',
      inLibrary: s.chance(0.95) ? 1 : 0,
      createdAt,
      updatedAt,
      ...(touchedAt !== undefined && { touchedAt }),
      ...(status !== 'unread' || s.chance(0.5) ? { savedAt: createdAt } : {}),
      ...(status === 'read' && { readAt: touchedAt ?? updatedAt }),
    });
  }
  return records;
}
