import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { IncomingDailyEntry, IncomingPaper, ParsedItem } from '../../domain/paper-record.js';
import { parseHfDailyDocument } from '../parse/hf-daily.parse.js';
import { absoluteHfUrl, normalizeHfDailyItem } from './hf-daily.normalize.js';

const FIXTURES = [
  '2024-05-27',
  '2024-11-18',
  '2024-12-18',
  '2025-01-10',
  '2025-03-14',
  '2025-07-04',
  '2026-08-21',
];

/** Parses and normalizes a fixture the way the importer does, with the file name's day. */
function normalizeFixture(day: string): ParsedItem[] {
  const url = new URL(`../../../fixtures/hf-daily-papers/${day}.json`, import.meta.url);
  const doc = parseHfDailyDocument(JSON.parse(readFileSync(url, 'utf8')));
  return doc.entries.map((entry) => normalizeHfDailyItem(entry, { fileDay: doc.date ?? day }));
}

function record(items: ParsedItem[], n: number): { paper: IncomingPaper; daily: IncomingDailyEntry | null } {
  const item = items[n - 1];
  assert.ok(item, `no item ${n}`);
  assert.equal(item.kind, 'record', item.kind === 'rejected' ? item.reason : '');
  assert.equal(item.position, `entry ${n}`);
  return item;
}

/** Normalizes one hand-written entry. */
function one(value: unknown, fileDay: string | null = '2025-06-02'): ParsedItem {
  return normalizeHfDailyItem({ kind: 'raw', position: 'entry 1', value }, { fileDay });
}

const base = {
  paper: {
    id: '2506.00001',
    title: 'A Paper',
    summary: 'Text.',
    authors: [{ name: 'A. Author', hidden: false }],
    upvotes: 3,
  },
  title: 'A Paper',
  publishedAt: '2025-06-01T22:10:00.000Z',
  numComments: 0,
};

describe('normalizeHfDailyItem on real files', () => {
  test('every entry of every fixture becomes a record on its file day', () => {
    for (const day of FIXTURES) {
      const items = normalizeFixture(day);
      assert.ok(items.length > 0);
      for (const item of items) {
        assert.equal(item.kind, 'record', `${day} ${item.position}`);
        if (item.kind !== 'record') continue;
        assert.equal(item.daily?.day, day, `${day} ${item.position}`);
        assert.equal(item.paper.hfSnapshotOn, day);
        assert.equal(item.paper.source, 'hf');
        assert.doesNotMatch(item.paper.title, /\s{2}|\n/);
      }
    }
  });

  test('2024-05-27: an early entry (no submitter, thumbnail under its old name mediaUrl)', () => {
    const { paper, daily } = record(normalizeFixture('2024-05-27'), 1);
    assert.ok(
      paper.abstract.startsWith(
        'High-resolution Large Multimodal Models (LMMs) encounter the challenges of excessive',
      ),
    );
    assert.ok(!paper.abstract.includes('\n'));
    assert.deepEqual(
      { ...paper, abstract: '' },
      {
        arxivId: '2405.15738',
        version: null,
        title: 'ConvLLaVA: Hierarchical Backbones as Visual Encoder for Large Multimodal Models',
        abstract: '',
        authors: [
          'Chunjiang Ge',
          'Sijie Cheng',
          'Ziming Wang',
          'Jiale Yuan',
          'Yuan Gao',
          'Jun Song',
          'Shiji Song',
          'Gao Huang',
          'Bo Zheng',
        ],
        categories: [],
        comment: null,
        journalRef: null,
        doi: null,
        publishedAt: '2024-05-24T17:34:15.000Z',
        updatedAt: null,
        listedOn: null,
        githubRepo: null,
        githubStars: null,
        projectPage: null,
        thumbnailUrl: 'https://cdn-thumbnails.huggingface.co/social-thumbnails/papers/2405.15738.png',
        aiSummary: null,
        aiKeywords: null,
        organization: null,
        organizationSlug: null,
        hfUpvotes: 32,
        hfComments: 3,
        hfSnapshotOn: '2024-05-27',
        versions: [],
        source: 'hf',
      },
    );
    assert.deepEqual(daily, {
      arxivId: '2405.15738',
      day: '2024-05-27',
      featuredAt: '2024-05-27T03:50:58.348Z',
      source: 'hf',
      submitterName: null,
      submitterFullname: null,
      submitterAvatarUrl: null,
      hfPublishedAt: '2024-05-27T03:50:58.348Z',
    });
  });

  test('2024-11-18: an author marked hidden is still an author', () => {
    const { paper } = record(normalizeFixture('2024-11-18'), 4);
    assert.equal(paper.arxivId, '2411.10323');
    assert.deepEqual(paper.authors, ['Siyuan Hu', 'Mingyu Ouyang', 'Difei Gao', 'Mike Zheng Shou']);
  });

  test('2025-01-10: a Python-repr entry inside the wrapper, posted the evening before', () => {
    const { paper, daily } = record(normalizeFixture('2025-01-10'), 1);
    assert.equal(paper.arxivId, '2501.05441');
    assert.equal(paper.title, 'The GAN is dead; long live the GAN! A Modern GAN Baseline');
    assert.deepEqual(paper.authors, ['Yiwen Huang', 'Aaron Gokaslan', 'Volodymyr Kuleshov', 'James Tompkin']);
    assert.equal(paper.publishedAt, '2025-01-09T18:53:06.000Z');
    assert.equal(paper.hfUpvotes, 51);
    assert.equal(paper.hfComments, 4);
    assert.deepEqual(daily, {
      arxivId: '2501.05441',
      day: '2025-01-10', // the wrapper's date, not the day of publishedAt (2025-01-09T22:24)
      featuredAt: '2025-01-09T22:24:36.430Z',
      source: 'hf',
      submitterName: 'Skylion007',
      submitterFullname: 'Aaron Gokaslan',
      submitterAvatarUrl: 'https://huggingface.co/avatars/9353c064ef8ccac84d0397411d38fa90.svg',
      hfPublishedAt: '2025-01-09T22:24:36.430Z',
    });
  });

  test('2025-03-14: keywords without a summary, no submitter, GitHub repo', () => {
    const { paper, daily } = record(normalizeFixture('2025-03-14'), 1);
    assert.equal(paper.arxivId, '2503.10613');
    assert.equal(paper.title, 'CoSTAast: Cost-Sensitive Toolpath Agent for Multi-turn Image Editing');
    assert.equal(paper.githubRepo, 'https://github.com/tianyi-lab/CoSTAR');
    assert.equal(paper.aiSummary, null);
    assert.equal(paper.aiKeywords?.length, 27);
    assert.equal(paper.aiKeywords?.[13], 'CoSTA*');
    assert.equal(daily?.day, '2025-03-14');
    assert.equal(daily?.featuredAt, '2025-03-13T13:55:45.000Z');
    assert.equal(daily?.submitterName, null);
  });

  test('2025-07-04: hard-wrapped top-level title cleaned, submittedOnDailyAt sets the time', () => {
    const { paper, daily } = record(normalizeFixture('2025-07-04'), 2);
    assert.equal(paper.arxivId, '2507.02025');
    assert.equal(
      paper.title,
      'IntFold: A Controllable Foundation Model for General and Specialized Biomolecular Structure Prediction',
    );
    assert.deepEqual(paper.authors, [
      'The IntFold Team',
      'Leon Qiao',
      'Wayne Bai',
      'He Yan',
      'Gary Liu',
      'Nova Xi',
      'Xiang Zhang',
    ]);
    assert.equal(paper.githubRepo, 'https://github.com/IntelliGen-AI/IntFold');
    assert.equal(paper.githubStars, 5);
    assert.equal(paper.projectPage, 'https://server.intfold.com/');
    assert.equal(daily?.featuredAt, '2025-07-04T03:52:28.488Z');
    assert.equal(daily?.submitterName, 'siqisun');
    assert.equal(
      daily?.submitterAvatarUrl,
      'https://huggingface.co/avatars/165ed684b0750e7f57b9f2babfb47a8c.svg',
    );
  });

  test('2026-08-21: organization, AI summary and keywords', () => {
    const { paper, daily } = record(normalizeFixture('2026-08-21'), 1);
    assert.equal(paper.arxivId, '2608.19880');
    assert.equal(paper.organization, 'Google');
    assert.equal(
      paper.aiSummary,
      'EnvHarness and EnvRigger dynamically reshape static environments via programmable plugins to target agent weaknesses and improve reinforcement learning co-evolution.',
    );
    assert.deepEqual(paper.aiKeywords?.slice(0, 3), ['LLM agents', 'Environment Harness', 'EnvHarness']);
    assert.equal(paper.authors.length, 17);
    assert.equal(paper.hfUpvotes, 163);
    assert.equal(daily?.featuredAt, '2026-08-21T00:00:00.000Z');
    assert.equal(daily?.submitterName, 'taesiri');
  });
});

describe('normalizeHfDailyItem rules', () => {
  test('rejects an entry without a paper id, with an invalid id, or without a title', () => {
    assert.deepEqual(one({ ...base, paper: { ...base.paper, id: undefined } }), {
      kind: 'rejected',
      position: 'entry 1',
      reason: 'invalid entry: paper.id: missing arXiv id',
    });
    assert.deepEqual(one({ ...base, paper: { ...base.paper, id: 'abc' } }), {
      kind: 'rejected',
      position: 'entry 1',
      reason: 'invalid arXiv id "abc" (paper.id)',
    });
    assert.deepEqual(one({ ...base, title: ' ', paper: { ...base.paper, title: '\n' } }), {
      kind: 'rejected',
      position: 'entry 1',
      reason: 'no title',
    });
  });

  test('rejects fields of the wrong type, naming them', () => {
    const item = one({ ...base, paper: { ...base.paper, upvotes: 'many' } });
    assert.equal(
      item.kind === 'rejected' && item.reason,
      'invalid entry: paper.upvotes: expected number, received string',
    );
    const scalar = one(42);
    assert.equal(
      scalar.kind === 'rejected' && scalar.reason,
      'invalid entry: entry: expected object, received number',
    );
  });

  test('rejects counts no integer column holds, and versions of five digits', () => {
    for (const upvotes of [2 ** 31, 1e300, Number.MAX_SAFE_INTEGER + 2]) {
      const item = one({ ...base, paper: { ...base.paper, upvotes } });
      assert.match(
        item.kind === 'rejected' ? item.reason : 'taken',
        /^invalid entry: paper\.upvotes: Too big/,
      );
    }
    assert.equal(one({ ...base, numComments: 2 ** 31 - 1 }).kind, 'record');
    assert.equal(one({ ...base, paper: { ...base.paper, id: `${base.paper.id}v12345` } }).kind, 'rejected');
  });

  test('passes a parse rejection through unchanged', () => {
    const rejection = { kind: 'rejected', position: 'line 7', reason: 'line is not valid JSON' } as const;
    assert.equal(normalizeHfDailyItem(rejection, { fileDay: null }), rejection);
  });

  test('falls back to paper.title when the top-level title is missing', () => {
    const item = one({ ...base, title: undefined, paper: { ...base.paper, title: 'From\n  the paper' } });
    assert.equal(item.kind === 'record' && item.paper.title, 'From the paper');
  });

  test('without a file day: submittedOnDailyAt, else the entry time, gives the day', () => {
    const submitted = one(
      { ...base, paper: { ...base.paper, submittedOnDailyAt: '2025-06-02T04:00:00.000Z' } },
      null,
    );
    assert.equal(submitted.kind === 'record' && submitted.daily?.day, '2025-06-02');
    assert.equal(submitted.kind === 'record' && submitted.paper.hfSnapshotOn, '2025-06-02');
    const plain = one(base, null);
    assert.equal(plain.kind === 'record' && plain.daily?.day, '2025-06-01');
    assert.equal(plain.kind === 'record' && plain.paper.hfSnapshotOn, '2025-06-01');
  });

  test('with no timestamp and no file day there is no feed entry, but still a paper', () => {
    const item = one({ ...base, publishedAt: undefined }, null);
    assert.equal(item.kind, 'record');
    assert.equal(item.kind === 'record' && item.daily, null);
  });

  test('a file day without timestamps features the paper at midnight of that day', () => {
    const item = one({ ...base, publishedAt: null }, '2025-06-02');
    assert.equal(item.kind === 'record' && item.daily?.featuredAt, '2025-06-02T00:00:00.000Z');
  });

  test('the submitter comes from submittedOnDailyBy when submittedBy is absent', () => {
    const item = one({
      ...base,
      paper: {
        ...base.paper,
        submittedOnDailyBy: { user: 'kwanyoung', fullname: 'Kwanyoung', avatarUrl: '/avatars/2e16.svg' },
      },
    });
    assert.deepEqual(item.kind === 'record' && item.daily, {
      arxivId: '2506.00001',
      day: '2025-06-02',
      featuredAt: '2025-06-01T22:10:00.000Z',
      source: 'hf',
      submitterName: 'kwanyoung',
      submitterFullname: 'Kwanyoung',
      submitterAvatarUrl: 'https://huggingface.co/avatars/2e16.svg',
      hfPublishedAt: '2025-06-01T22:10:00.000Z',
    });
  });

  test("organization: the paper's, else the entry's; fullname, else name", () => {
    const fromPaper = one({
      ...base,
      paper: { ...base.paper, organization: { name: 'g', fullname: 'Google' } },
    });
    assert.equal(fromPaper.kind === 'record' && fromPaper.paper.organization, 'Google');
    assert.equal(fromPaper.kind === 'record' && fromPaper.paper.organizationSlug, 'g');
    const fromEntry = one({ ...base, organization: { name: 'stanford' } });
    assert.equal(fromEntry.kind === 'record' && fromEntry.paper.organization, 'stanford');
    assert.equal(fromEntry.kind === 'record' && fromEntry.paper.organizationSlug, 'stanford');
  });

  test('empty strings and empty keyword lists carry nothing', () => {
    const item = one({
      ...base,
      paper: { ...base.paper, githubRepo: '', projectPage: ' ', ai_keywords: [] },
    });
    assert.equal(item.kind === 'record' && item.paper.githubRepo, null);
    assert.equal(item.kind === 'record' && item.paper.projectPage, null);
    assert.equal(item.kind === 'record' && item.paper.aiKeywords, null);
  });

  test('a versioned paper id keeps its version', () => {
    const item = one({ ...base, paper: { ...base.paper, id: '2506.00001v3' } });
    assert.equal(item.kind === 'record' && item.paper.arxivId, '2506.00001');
    assert.equal(item.kind === 'record' && item.paper.version, 3);
  });
});

describe('absoluteHfUrl', () => {
  test('makes site-relative and protocol-relative URLs absolute, leaves others', () => {
    assert.equal(absoluteHfUrl('/avatars/x.svg'), 'https://huggingface.co/avatars/x.svg');
    assert.equal(absoluteHfUrl('//cdn.example/x.png'), 'https://cdn.example/x.png');
    assert.equal(
      absoluteHfUrl('https://cdn-avatars.huggingface.co/a.jpeg'),
      'https://cdn-avatars.huggingface.co/a.jpeg',
    );
    assert.equal(absoluteHfUrl(''), null);
    assert.equal(absoluteHfUrl(undefined), null);
  });
});
