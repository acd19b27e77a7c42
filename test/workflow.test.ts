// Pure parts of the workflow: tally, conditions from votes, quarters and horizon, meeting deadlines,
// the transition table, the audit hash.
import { describe, expect, it } from 'vitest';
import { auditHash, canonicalJson, GENESIS_HASH, verifyChain } from '../src/workflow/audit-chain.ts';
import { addQuarters, compareQuarters, horizon, meetingDeadlines, quarterOf } from '../src/workflow/calendar.ts';
import { STAGES, TRANSITIONS } from '../src/workflow/stages.ts';
import { conditionsFromVotes, tally } from '../src/workflow/transitions/committee.ts';

describe('committee tally', () => {
  it('gives the majority only when one choice has strictly most votes', () => {
    const v = (choice: 'YES' | 'YES_IF' | 'NO') => ({ personId: choice + Math.random(), choice, conditions: null });
    expect(tally([v('YES'), v('YES'), v('NO')])).toMatchObject({ YES: 2, NO: 1, total: 3, majority: 'YES' });
    expect(tally([v('YES'), v('NO')]).majority).toBeNull();
    expect(tally([]).majority).toBeNull();
    expect(tally([v('YES_IF'), v('YES_IF'), v('YES'), v('NO')]).majority).toBe('YES_IF');
  });

  it('collects conditions from JAH, KUI votes, one per line, without list marks or repeats', () => {
    expect(
      conditionsFromVotes([
        { personId: 'a', choice: 'YES_IF', conditions: '1. Mõjuhinnang\n- Ajakava\n\n' },
        { personId: 'b', choice: 'YES_IF', conditions: 'Mõjuhinnang' },
        { personId: 'c', choice: 'YES', conditions: 'ignored' },
      ]),
    ).toEqual(['Mõjuhinnang', 'Ajakava']);
  });
});

describe('calendar', () => {
  it('counts quarters in Tallinn time and across year boundaries', () => {
    expect(quarterOf(new Date('2026-12-31T22:30:00Z'))).toBe('2027Q1');
    expect(quarterOf(new Date('2026-12-31T21:30:00Z'))).toBe('2026Q4');
    expect(addQuarters('2026Q4', 1)).toBe('2027Q1');
    expect(addQuarters('2027Q1', -1)).toBe('2026Q4');
    expect(addQuarters('2026Q3', 15)).toBe('2030Q2');
    expect(compareQuarters('2027Q1', '2026Q4')).toBeGreaterThan(0);
    expect(horizon(new Date('2026-11-25T10:00:00Z'))).toEqual({ first: '2026Q4', last: '2030Q3' });
  });

  it('derives the co-thinker round and deadlines from the meeting date', () => {
    const d = meetingDeadlines(new Date('2027-03-17T10:00:00Z'));
    expect(d.roundOpensAt.toISOString()).toBe('2027-02-24T10:00:00.000Z');
    expect(d.opinionsDueAt.toISOString()).toBe('2027-03-03T10:00:00.000Z');
  });
});

describe('process definition', () => {
  it('only names known stages, and every non-final stage can be left', () => {
    for (const t of TRANSITIONS) for (const s of [...t.from, ...t.to]) expect(STAGES).toContain(s);
    const leaving = new Set<string>(
      TRANSITIONS.filter((t) => t.to.some((s) => !(t.from as readonly string[]).includes(s))).flatMap((t) => t.from),
    );
    expect(STAGES.filter((s) => !leaving.has(s))).toEqual(['notSent', 'approved', 'rejected']);
  });
});

describe('audit hash', () => {
  it('does not depend on key order and changes with any field', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { f: 2, e: 3 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"e":3,"f":2}]},"b":1}',
    );
    const e = {
      seq: 1,
      at: '2026-11-25T10:00:00.000Z',
      actorId: 'mari',
      onBehalfOf: null,
      platform: 'test',
      command: 'submit',
      entityType: 'proposal',
      entityId: 'p1',
      before: { a: 1 },
      after: { a: 2 },
    };
    const h = auditHash(GENESIS_HASH, e);
    expect(auditHash(GENESIS_HASH, { ...e, after: { a: 3 } })).not.toBe(h);
    expect(verifyChain([{ ...e, prevHash: GENESIS_HASH, hash: h }], { lastSeq: 1, hash: h })).toBeNull();
    expect(verifyChain([{ ...e, actorId: 'x', prevHash: GENESIS_HASH, hash: h }], { lastSeq: 1, hash: h })).toEqual({
      kind: 'changed',
      seq: 1,
    });
  });
});
