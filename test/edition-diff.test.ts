// What changed in an edition, from the item versions it added and closed (pure): new, finished,
// moved in time, re-budgeted, taken out — in the site's order; a change the diff does not look at
// (title, progress) is no change; the same euros in another order of years are not re-budgeted.
import { describe, expect, it } from 'vitest';
import { versionsDiff, type DiffSource } from '../src/workflow/publication.ts';

const v = (id: string, o: Partial<DiffSource> = {}): DiffSource => ({
  id,
  title: `Töö ${id}`,
  status: 'inProgress',
  startQuarter: '2027Q1',
  endQuarter: '2027Q4',
  moneyPerYear: { 2027: 100 },
  domainId: 'social',
  ...o,
});

describe('versionsDiff', () => {
  it('the first edition: every item is new, in the site order', () => {
    const d = versionsDiff(
      false,
      [
        v('b', { domainId: 'social' }),
        v('a', { domainId: 'health', startQuarter: '2028Q1' }),
        v('c', { domainId: 'health' }),
      ],
      [],
    );
    expect(d.added.map((r) => r.id)).toEqual(['c', 'a', 'b']);
    expect([d.finished, d.moved, d.rebudgeted, d.removed]).toEqual([[], [], [], []]);
  });

  it('sorts out what changed and leaves out what the diff does not look at', () => {
    const closed = [
      v('moved'),
      v('budget', { moneyPerYear: { 2027: 100, 2028: 50 } }),
      v('done'),
      v('gone'),
      v('retitled'),
      v('same-money', { moneyPerYear: { 2028: 5, 2027: 7 } }),
    ];
    const added = [
      v('moved', { endQuarter: '2028Q2' }),
      v('budget', { moneyPerYear: { 2027: 100, 2028: 80 } }),
      v('done', { status: 'done' }),
      v('retitled', { title: 'Uus pealkiri' }),
      v('same-money', { moneyPerYear: { 2027: 7, 2028: 5 } }),
      v('new'),
    ];
    expect(versionsDiff(true, added, closed)).toEqual({
      added: [{ id: 'new', title: 'Töö new' }],
      finished: [{ id: 'done', title: 'Töö done' }],
      moved: [{ id: 'moved', title: 'Töö moved', from: '2027Q1–2027Q4', to: '2027Q1–2028Q2' }],
      rebudgeted: [{ id: 'budget', title: 'Töö budget', from: 150, to: 180 }],
      removed: [{ id: 'gone', title: 'Töö gone' }],
    });
  });

  it('money that gains or loses a year is re-budgeted even when the total stays', () => {
    const d = versionsDiff(
      true,
      [v('x', { moneyPerYear: { 2027: 50, 2028: 50 } })],
      [v('x', { moneyPerYear: { 2027: 100 } })],
    );
    expect(d.rebudgeted).toEqual([{ id: 'x', title: 'Töö x', from: 100, to: 100 }]);
  });
});
