// A site writer keeps only the newest edition's rows: an edition made from an earlier one holds
// the earlier one's bytes (their memory is reused for the edition after it), not the earlier one.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { ordered, siteKey, siteRow, withChanges, type EditionRows } from '../src/publish/site-rows.ts';
import type { PublicItem } from '../src/workflow/publication.ts';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

const item = (n: number, progress = 0): PublicItem => ({
  id: `i-${n}`, title: `Töö ${n}`, domain: { et: 'Sotsiaalvaldkond', en: 'Social domain' }, institution: { et: 'Amet', en: 'Board' }, service: null,
  startQuarter: '2027Q1', endQuarter: '2027Q4', status: 'inProgress', progress, moneyPerYear: { 2027: 1000 + n }, totalEur: 1000 + n,
  fundingSource: null, people: null, tehikTeam: null, linkedIds: [],
});
const made = (n: number, progress = 0) => { const i = item(n, progress); return siteRow(siteKey('social', i.startQuarter, i.title, i.id), i); };

describe('the rows a site writer keeps', () => {
  it('an edition made from an earlier one lets the one before that go, and the bytes are each file as a whole', async () => {
    let edition: Pick<EditionRows, 'rows' | 'bytes' | 'spare'> = ordered(Array.from({ length: 50 }, (_, n) => made(n)));
    edition.bytes();
    const first = new WeakRef(edition.rows);
    for (let k = 1; k <= 4; k += 1) {
      const next = withChanges(edition, [made(k * 3, k)], [`i-${k * 7}`]);
      next.bytes();
      edition = next;
    }
    const csv = edition.bytes().csv.bytes.toString('utf8');
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(46);
    expect(csv).toContain('i-12,Töö 12');
    expect(csv).not.toContain('i-14,');
    await new Promise((resolve) => setImmediate(resolve)); // weak references hold until the current job ends
    gc();
    expect(first.deref()).toBeUndefined();
  });
});
