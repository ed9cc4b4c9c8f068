import { describe, expect, it } from 'vitest';
import { findGithubRepos, normaliseGithubRepo } from '../../lib/github';

const accepted: [input: string, expected: string][] = [
  ['https://github.com/bingyan4science/askchem', 'https://github.com/bingyan4science/askchem'],
  ['http://github.com/FrontisAI/OpenRSI', 'https://github.com/FrontisAI/OpenRSI'],
  ['https://www.github.com/zju3dv/INTACT-JEPA', 'https://github.com/zju3dv/INTACT-JEPA'],
  ['github.com/microsoft/Echoverse', 'https://github.com/microsoft/Echoverse'],
  ['https://github.com/matteospanio/aria.', 'https://github.com/matteospanio/aria'],
  ['https://github.com/HKU-MMLab/UniClawBench).', 'https://github.com/HKU-MMLab/UniClawBench'],
  ['https://github.com/a-b/c_d;', 'https://github.com/a-b/c_d'],
  ['https://github.com/SAP/toolsense.git', 'https://github.com/SAP/toolsense'],
  ['https://github.com/MiniMax-AI/MSA/tree/main/kernels', 'https://github.com/MiniMax-AI/MSA'],
  ['https://github.com/MiniMax-AI/MSA/blob/main/README.md#usage', 'https://github.com/MiniMax-AI/MSA'],
  ['https://github.com/MiniMax-AI/MSA?tab=readme-ov-file', 'https://github.com/MiniMax-AI/MSA'],
  ['https://github.com/MiniMax-AI/MSA#readme', 'https://github.com/MiniMax-AI/MSA'],
  ['https://github.com/QuantumSavory/QuantumSavory.jl', 'https://github.com/QuantumSavory/QuantumSavory.jl'],
  ['  https://github.com/x/y/  ', 'https://github.com/x/y'],
];

const rejected: string[] = [
  '',
  'not a url',
  'javascript:alert(document.cookie)//github.com/a/b',
  'data:text/html,<script>alert(1)</script>',
  'ftp://github.com/a/b',
  'https://github.com.evil.io/a/b',
  'https://evilgithub.com/a/b',
  'https://github.com@evil.com/a/b',
  'https://user:pass@github.com/a/b',
  'https://github.com:8080/a/b',
  'https://gist.github.com/a/0123456789abcdef',
  'https://raw.githubusercontent.com/a/b/main/x',
  'https://github.com/',
  'https://github.com/torvalds',
  'https://github.com/orgs/huggingface/repositories',
  'https://github.com/features/copilot',
  'https://github.com/topics/knot-theory',
  'https://github.com/sponsors/someone',
  'https://github.com/settings/profile',
  'https://github.com/marketplace/actions',
  'https://github.com/about/careers',
  'https://github.com/login/oauth',
  'https://github.com/-bad/repo',
  'https://github.com/bad-/repo',
  'https://github.com/a_b/repo',
  'https://github.com/owner/re po',
  'https://github.com/owner/..',
  'https://github.com/owner/.git',
  'https://github.com/owner/<script>',
];

describe('normaliseGithubRepo', () => {
  it.each(accepted)('%j → %s', (input, expected) => {
    expect(normaliseGithubRepo(input)).toBe(expected);
  });
  it.each(rejected)('%j → undefined', (input) => {
    expect(normaliseGithubRepo(input)).toBeUndefined();
  });
});

describe('findGithubRepos', () => {
  it('reads the comment of a cs.LG listing entry (arXiv 2607.04690)', () => {
    expect(findGithubRepos(['Code: https://github.com/Shakhoyat/PAST-TIDE'])).toEqual([
      'https://github.com/Shakhoyat/PAST-TIDE',
    ]);
  });

  it('strips the full stop that ends an abstract (arXiv 2512.01119)', () => {
    const abstract =
      'Together, these results highlight the robustness of our approach across world modeling domains. ' +
      'We release our code at https://github.com/Bluefin-Tuna/WISER .';
    expect(findGithubRepos([abstract])).toEqual(['https://github.com/Bluefin-Tuna/WISER']);
  });

  it('stops at the whitespace after a URL in a search-page comment', () => {
    const comment =
      'QuantumSavory Repository at: https://github.com/QuantumSavory/QuantumSavory.jl 17 pages, 9 figures';
    expect(findGithubRepos([comment])).toEqual(['https://github.com/QuantumSavory/QuantumSavory.jl']);
  });

  it('folds the same repository mentioned in comments and abstract (arXiv 2607.23193)', () => {
    expect(
      findGithubRepos([
        'Code: https://github.com/MAC-AutoML/OmniScope',
        'The code is available at https://github.com/MAC-AutoML/OmniScope.',
      ]),
    ).toEqual(['https://github.com/MAC-AutoML/OmniScope']);
  });

  it('puts the link introduced as code before a repository merely mentioned', () => {
    const abstract =
      'We build on https://github.com/huggingface/transformers and https://github.com/pytorch/pytorch. ' +
      'Our code is available at https://github.com/YujunZhou/TRACE_exp.';
    expect(findGithubRepos([abstract])).toEqual([
      'https://github.com/YujunZhou/TRACE_exp',
      'https://github.com/huggingface/transformers',
      'https://github.com/pytorch/pytorch',
    ]);
  });

  it('ignores project pages on github.io and look-alike hosts', () => {
    expect(
      findGithubRepos([
        'Project page: https://zju-xyc.github.io/VIA-SD-Project-Page/',
        'Mirror at https://evilgithub.com/a/b and https://github.com.evil.io/c/d',
        'See https://github.com@evil.com/e/f or https://github.com/orgs/g/people',
      ]),
    ).toEqual([]);
  });

  it('finds a link inside parentheses and accepts bare hrefs', () => {
    expect(findGithubRepos(['(code: github.com/a-b/c)', 'https://github.com/x/y'])).toEqual([
      'https://github.com/a-b/c',
      'https://github.com/x/y',
    ]);
  });
});
