import { describe, expect, it } from 'vitest';
import { arxivDoi, arxivIdOf, arxivUrl, canonicalId, huggingfaceUrl, parseArxivId } from '../../lib/ids';

const valid: [input: string, expected: string][] = [
  // bare new-style ids, versions folded
  ['2307.14549', 'arxiv:2307.14549'],
  ['2307.14549v3', 'arxiv:2307.14549'],
  ['2307.14549v12', 'arxiv:2307.14549'],
  ['  2307.14549\n', 'arxiv:2307.14549'],
  ['1501.00001', 'arxiv:1501.00001'],
  ['2607.28618', 'arxiv:2607.28618'],
  ['0704.0001', 'arxiv:0704.0001'],
  ['1412.9999v2', 'arxiv:1412.9999'],
  ['0912.3456', 'arxiv:0912.3456'],
  // prefixes
  ['arXiv:2307.14549', 'arxiv:2307.14549'],
  ['arxiv:2307.14549v2', 'arxiv:2307.14549'],
  ['ARXIV:2307.14549', 'arxiv:2307.14549'],
  ['arXiv: 2307.14549', 'arxiv:2307.14549'],
  ['arxiv:hep-th/9901001', 'arxiv:hep-th/9901001'],
  // old-style ids
  ['hep-th/9901001', 'arxiv:hep-th/9901001'],
  ['hep-th/9901001v2', 'arxiv:hep-th/9901001'],
  ['HEP-TH/9901001', 'arxiv:hep-th/9901001'],
  ['math.GT/0309136', 'arxiv:math/0309136'],
  ['math/0309136', 'arxiv:math/0309136'],
  ['cond-mat.dis-nn/0101001v1', 'arxiv:cond-mat/0101001'],
  ['astro-ph/0703001', 'arxiv:astro-ph/0703001'],
  ['quant-ph/9508027', 'arxiv:quant-ph/9508027'],
  ['cs/0112017', 'arxiv:cs/0112017'],
  ['arXiv:cs.LG/0501001', 'arxiv:cs/0501001'],
  // arxiv.org URLs
  ['https://arxiv.org/abs/2307.14549', 'arxiv:2307.14549'],
  ['https://arxiv.org/abs/2307.14549v3', 'arxiv:2307.14549'],
  ['http://arxiv.org/abs/2307.14549', 'arxiv:2307.14549'],
  ['https://www.arxiv.org/abs/2307.14549', 'arxiv:2307.14549'],
  ['http://export.arxiv.org/abs/2307.14549v1', 'arxiv:2307.14549'],
  ['https://arxiv.org/abs/2307.14549/', 'arxiv:2307.14549'],
  ['https://arxiv.org/abs/2307.14549?context=cs', 'arxiv:2307.14549'],
  ['https://arxiv.org/abs/2307.14549#S3', 'arxiv:2307.14549'],
  ['https://ARXIV.ORG/abs/2307.14549', 'arxiv:2307.14549'],
  ['https://arxiv.org/pdf/2307.14549', 'arxiv:2307.14549'],
  ['https://arxiv.org/pdf/2307.14549v2', 'arxiv:2307.14549'],
  ['https://arxiv.org/pdf/2307.14549v2.pdf', 'arxiv:2307.14549'],
  ['https://arxiv.org/pdf/2307.14549.pdf?download=1', 'arxiv:2307.14549'],
  ['https://arxiv.org/html/2307.14549v1', 'arxiv:2307.14549'],
  ['https://arxiv.org/html/2307.14549v1/', 'arxiv:2307.14549'],
  ['https://arxiv.org/html/2307.14549v1/#S2.F1', 'arxiv:2307.14549'],
  ['https://arxiv.org/html/2307.14549v1/x1.png', 'arxiv:2307.14549'],
  ['https://arxiv.org/abs/hep-th/9901001v2', 'arxiv:hep-th/9901001'],
  ['https://arxiv.org/pdf/hep-th/9901001v2.pdf', 'arxiv:hep-th/9901001'],
  ['https://arxiv.org/abs/math.GT/0309136', 'arxiv:math/0309136'],
  ['https://arxiv.org/abs/math%2F0309136', 'arxiv:math/0309136'],
  ['arxiv.org/abs/2307.14549', 'arxiv:2307.14549'],
  ['www.arxiv.org/pdf/2307.14549v1', 'arxiv:2307.14549'],
  // Hugging Face
  ['https://huggingface.co/papers/2307.14549', 'arxiv:2307.14549'],
  ['https://huggingface.co/papers/2607.28618#community', 'arxiv:2607.28618'],
  ['https://huggingface.co/papers/2607.28618?utm_source=x', 'arxiv:2607.28618'],
  ['huggingface.co/papers/2307.14549', 'arxiv:2307.14549'],
  // DOIs
  ['10.48550/arXiv.2307.14549', 'arxiv:2307.14549'],
  ['10.48550/ARXIV.2307.14549', 'arxiv:2307.14549'],
  ['doi:10.48550/arXiv.2307.14549', 'arxiv:2307.14549'],
  ['https://doi.org/10.48550/arXiv.2307.14549', 'arxiv:2307.14549'],
  ['https://dx.doi.org/10.48550/arXiv.2307.14549', 'arxiv:2307.14549'],
  ['https://doi.org/10.48550/arXiv.math/0703055', 'arxiv:math/0703055'],
  ['doi.org/10.48550/arxiv.hep-th/9901001', 'arxiv:hep-th/9901001'],
];

const invalid: string[] = [
  '',
  '   ',
  'garbage',
  '2307',
  '2307.1454', // too short after 2015
  '2307.145490', // too long
  '1412.12345', // five digits before 2015
  '2313.14549', // month 13
  '2300.14549', // month 00
  '0703.1234', // before new-style ids began
  '2307.00000',
  '2307.14549v0',
  '2307.14549v',
  '2307.14549x',
  'x2307.14549',
  '2307-14549',
  'foo/9901001', // unknown archive
  'hep-th/990100', // six digits
  'hep-th/99010011',
  'hep-th/9913001', // month 13
  'hep-th/0801001', // old style after March 2007
  'hep-th/9901000',
  'https://arxiv.org.evil.com/abs/2307.14549',
  'https://evilarxiv.org/abs/2307.14549',
  'https://arxiv.org@evil.com/abs/2307.14549',
  'https://user@arxiv.org/abs/2307.14549',
  'https://arxiv.org:8443/abs/2307.14549',
  'https://arxiv.org/list/cs.LG/new',
  'https://arxiv.org/abs/',
  'https://arxiv.org/abs/2307.14549/extra',
  'https://arxiv.org/abs/2313.14549',
  'ftp://arxiv.org/abs/2307.14549',
  'javascript:alert(1)//arxiv.org/abs/2307.14549',
  'https://huggingface.co/papers',
  'https://huggingface.co/papers/date/2026-07-31',
  'https://huggingface.co.evil.com/papers/2307.14549',
  'https://huggingface.co/papers/2307.14549/extra',
  'https://example.com/abs/2307.14549',
  '10.48550/arXiv.2313.14549',
  '10.1145/3773274.3774931',
  'https://doi.org/10.1145/3773274.3774931',
  'https://doi.org.evil.com/10.48550/arXiv.2307.14549',
];

describe('canonicalId', () => {
  it.each(valid)('%j → %s', (input, expected) => {
    expect(canonicalId(input)).toBe(expected);
  });
  it.each(invalid)('%j → undefined', (input) => {
    expect(canonicalId(input)).toBeUndefined();
  });
  it('is idempotent on its own output', () => {
    for (const [, expected] of valid) expect(canonicalId(expected)).toBe(expected);
  });
});

describe('parseArxivId', () => {
  it('keeps the version apart from the id', () => {
    expect(parseArxivId('2307.14549v3')).toEqual({ id: '2307.14549', version: 3 });
    expect(parseArxivId('hep-th/9901001v2')).toEqual({ id: 'hep-th/9901001', version: 2 });
    expect(parseArxivId('2307.14549')).toEqual({ id: '2307.14549' });
  });
});

describe('links from a canonical id', () => {
  it('builds arXiv, Hugging Face and DOI addresses', () => {
    expect(arxivIdOf('arxiv:2307.14549')).toBe('2307.14549');
    expect(arxivUrl('arxiv:2307.14549')).toBe('https://arxiv.org/abs/2307.14549');
    expect(arxivUrl('arxiv:hep-th/9901001', 'pdf')).toBe('https://arxiv.org/pdf/hep-th/9901001');
    expect(huggingfaceUrl('arxiv:2307.14549')).toBe('https://huggingface.co/papers/2307.14549');
    expect(arxivDoi('arxiv:math/0309136')).toBe('10.48550/arXiv.math/0309136');
  });
  it('refuses ids that are not canonical arXiv ids', () => {
    expect(arxivIdOf('doi:10.1145/1')).toBeUndefined();
    expect(arxivIdOf('arxiv:2313.14549')).toBeUndefined();
    expect(huggingfaceUrl('arxiv:hep-th/9901001')).toBeUndefined();
    expect(arxivUrl('2307.14549')).toBeUndefined();
  });
});
