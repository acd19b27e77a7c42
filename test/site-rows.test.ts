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
  id: `i-${n}`,
  title: `Töö ${n}`,
  domain: { et: 'Sotsiaalvaldkond', en: 'Social domain' },
  institution: { et: 'Amet', en: 'Board' },
  service: null,
  startQuarter: '2027Q1',
  endQuarter: '2027Q4',
  status: 'inProgress',
  progress,
  moneyPerYear: { 2027: 1000 + n },
  totalEur: 1000 + n,
  fundingSource: null,
  people: null,
  tehikTeam: null,
  linkedIds: [],
});
const made = (n: number, progress = 0) => {
  const i = item(n, progress);
  return siteRow(siteKey('social', i.startQuarter, i.title, i.id), i);
};

describe('the rows a site writer keeps', () => {
  it('an edition made from an earlier one lets the one before that go, and the bytes are each file as a whole', async () => {
    let edition: Pick<EditionRows, 'rows' | 'bytes' | 'spare'> = ordered(Array.from({ length: 50 }, (_, n) => made(n)));
    edition.bytes();
    const first = new WeakRef(edition.rows);
    const memory: ArrayBufferLike[] = [];
    for (let k = 1; k <= 4; k += 1) {
      const next = withChanges(edition, [made(k * 3, k)], [`i-${k * 7}`]);
      memory.push(next.bytes().et.bytes.buffer);
      edition = next;
    }
    // Editions two apart share memory (the edition before last is no longer used); neighbours never do.
    expect([
      memory[2] === memory[0],
      memory[3] === memory[1],
      memory[1] === memory[0],
      memory[2] === memory[1],
    ]).toEqual([true, true, false, false]);
    // Every file's bytes are its rows in order, the changed ones as they are now: the same as made from nothing.
    const fresh = ordered(
      Array.from({ length: 50 }, (_, n) => n)
        .filter((n) => ![7, 14, 21, 28].includes(n))
        .map((n) => made(n, [3, 6, 9, 12].includes(n) ? n / 3 : 0)),
    );
    for (const kind of ['csv', 'json', 'et', 'en'] as const) {
      expect(edition.bytes()[kind].bytes.equals(fresh.bytes()[kind].bytes), kind).toBe(true);
      expect([...edition.bytes()[kind].ends]).toEqual([...fresh.bytes()[kind].ends]);
    }
    expect(edition.bytes().csv.bytes.toString('utf8')).toContain('i-12,Töö 12');
    await new Promise((resolve) => setImmediate(resolve)); // weak references hold until the current job ends
    gc();
    expect(first.deref()).toBeUndefined();
  });
});
