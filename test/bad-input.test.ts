// Bad input gets a clear answer, never a crash: control characters and lone surrogates in any text
// field (PostgreSQL refuses NUL with 22021, and a lone surrogate in JSON), ids that are not ids,
// command names that are not commands, and required fields that hold only spaces. On PGlite and on
// the PostgreSQL server of TEST_DATABASE_URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandName } from '../src/engine/commands/index.ts';
import type { Database } from '../src/storage/database.ts';
import { cleanText } from '../src/workflow/text.ts';
import { TEST_TARGETS } from './support/databases.ts';
import { Harness } from './support/harness.ts';
import { FULL_FORM } from './support/org.ts';

const NUL = '\u0000';
const LONE = '\uD800';
/** Text as a hostile client sends it: a NUL, a lone surrogate, other C0 controls, DEL. */
const dirty = (s: string) => `${s.slice(0, 2)}${NUL}${s.slice(2)}${LONE}\u0007\u007F`;

describe('the text schema', () => {
  it('strips control characters and lone surrogates; keeps tab, new lines, emoji and accents', () => {
    expect(cleanText(`a${NUL}b${LONE}c\uDC00d\u0001e\u007Ff`)).toBe('abcdef');
    expect(cleanText('rida 1\r\nrida 2\tveerg')).toBe('rida 1\r\nrida 2\tveerg');
    expect(cleanText('Õie 😀 ñ')).toBe('Õie 😀 ñ');
    expect(cleanText('lehekülg\fteine\vrida')).toBe('lehekülg\nteine\nrida');
  });
});

describe.each(TEST_TARGETS)('bad input on $name', (target) => {
  let db: Database;
  let h: Harness;
  beforeAll(async () => {
    db = await target.open();
    h = new Harness(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('a NUL or a lone surrogate in any text field is cleaned before it reaches the database', async () => {
    const { proposalId } = await h.ok('mari', 'createDraft', {
      fields: { ...FULL_FORM, title: dirty('Pensionid'), problem: dirty('Aeglane') },
    });
    await h.ok('mari', 'saveDraft', {
      proposalId,
      fields: { impact: dirty('Suur mõju'), strategicGoalNote: `${NUL}` },
    });
    expect(await db.prisma.proposal.findUniqueOrThrow({ where: { id: proposalId } })).toMatchObject({
      title: 'Pensionid',
      problem: 'Aeglane',
      impact: 'Suur mõju',
      strategicGoalNote: null,
    });
    await h.ok('mari', 'submit', { proposalId });
    await h.ok('jaan', 'returnForChanges', { proposalId, comment: dirty('Täpsusta') });
    await h.ok('mari', 'submit', { proposalId });
    await h.ok('jaan', 'agree', { proposalId });

    await h.ok('liis', 'assess', {
      proposalId,
      expectedResult: 'strong',
      impact: 'strong',
      priorityFit: 'adequate',
      alternatives: 'weak',
      comment: dirty('Hea'),
    });
    expect((await db.prisma.boardAssessment.findFirstOrThrow({ where: { proposalId } })).comment).toBe('Hea');
    await h.ok('liis', 'boardDecide', { proposalId, decision: 'send', priority: 2, comment: dirty('Saadame') });
    const { meetingId } = await h.ok('pm', 'createMeeting', {
      domainId: 'social',
      startsAt: new Date(h.now.getTime() + 30 * 86400_000).toISOString(),
    });
    await h.ok('pm', 'schedule', { proposalId, meetingId });
    await h.ok('pm', 'openRound', { meetingId });
    await h.ok('helen', 'giveOpinion', {
      proposalId,
      risks: dirty('Andmed'),
      recommendation: 'support',
      argumentation: dirty('Vajalik'),
    });
    await h.ok('eve', 'replyOpinion', { proposalId, text: dirty('Toetan') });
    const opinions = await db.prisma.opinion.findMany({ where: { proposalId }, orderBy: { personId: 'asc' } });
    expect(
      opinions.map((o) => [o.argumentation, o.risks, (o.replies as { text: string }[]).map((r) => r.text)]),
    ).toEqual([
      [null, null, ['Toetan']],
      ['Vajalik', 'Andmed', []],
    ]);
    await h.ok('pm', 'closeRound', { meetingId });

    const { pollId } = await h.ok('olev', 'openPoll', { proposalId });
    await h.ok('eve', 'vote', { pollId, choice: 'YES_IF', conditions: dirty('Eelarve') });
    await h.ok('toomas', 'vote', { pollId, choice: 'NO' });
    await h.ok('olev', 'closePoll', {
      pollId,
      decision: 'YES_IF',
      reason: dirty('Arutati'),
      conditions: [dirty('Eelarve kinnitus'), dirty('Andmekaitse')],
    });
    expect((await db.prisma.poll.findUniqueOrThrow({ where: { id: pollId } })).decisionReason).toBe('Arutati');
    const conditions = await db.prisma.condition.findMany({ where: { proposalId }, orderBy: { position: 'asc' } });
    expect(conditions.map((c) => c.text)).toEqual(['Eelarve kinnitus', 'Andmekaitse']);
    await h.ok('mari', 'markCondition', {
      proposalId,
      conditionId: conditions[0]!.id,
      met: true,
      note: dirty('Tehtud'),
    });

    const { requestId } = await h.ok('eve', 'requestExtraordinaryMeeting', {
      domainId: 'social',
      reason: dirty('Kiire asi'),
    });
    expect((await db.prisma.meetingRequest.findUniqueOrThrow({ where: { id: requestId } })).reason).toBe('Kiire asi');
    await h.ok('pm', 'recordMinutes', {
      meetingId,
      minutesText: dirty('# Protokoll'),
      deltaNumber: dirty('1.1-2/2027/15'),
    });
    expect(await db.prisma.meeting.findUniqueOrThrow({ where: { id: meetingId } })).toMatchObject({
      minutesText: '# Protokoll',
      deltaNumber: '1.1-2/2027/15',
    });
    await h.ok('pm', 'linkChannel', {
      platform: 'slack',
      roles: ['committee:social'],
      reference: { channel: dirty('C0123'), nested: [{ name: dirty('kanal') }] },
    });
    const ref = await db.prisma.conversationReference.findFirstOrThrow({
      where: { platform: 'slack', key: 'channel:committee:social' },
    });
    expect(ref.reference).toEqual({ channel: 'C0123', nested: [{ name: 'kanal' }] });
  });

  it("the portfolio item's note, funding source and team are cleaned too", async () => {
    const proposalId = await h.atBoard();
    await h.scheduled(proposalId);
    const { pollId } = await h.ok('olev', 'openPoll', { proposalId });
    await h.ok('eve', 'vote', { pollId, choice: 'YES' });
    const { itemId } = await h.ok('olev', 'closePoll', { pollId });
    await h.ok('pm', 'planItem', { itemId, fundingSource: dirty('RRF'), tehikTeam: dirty('Sotsiaal') });
    await h.ok('anu', 'recordStatusUpdate', { itemId, status: 'inProgress', progress: 10, note: dirty('Algas') });
    expect(await db.prisma.portfolioItem.findUniqueOrThrow({ where: { id: itemId! } })).toMatchObject({
      fundingSource: 'RRF',
      tehikTeam: 'Sotsiaal',
    });
    expect((await db.prisma.statusUpdate.findFirstOrThrow({ where: { itemId: itemId! } })).note).toBe('Algas');
  });

  it('an id with a NUL, a lone surrogate or of the wrong type is refused, not a crash', async () => {
    const ids: [string, CommandName, Record<string, unknown>][] = [
      ['mari', 'saveDraft', { proposalId: `p${NUL}`, fields: {} }],
      ['jaan', 'agree', { proposalId: `p${LONE}` }],
      [
        'liis',
        'assess',
        {
          proposalId: `p${NUL}`,
          expectedResult: 'strong',
          impact: 'strong',
          priorityFit: 'adequate',
          alternatives: 'weak',
        },
      ],
      ['pm', 'schedule', { proposalId: 'x', meetingId: `m${NUL}` }],
      ['pm', 'openRound', { meetingId: `m${NUL}` }],
      ['pm', 'closeRound', { meetingId: `m${NUL}` }],
      ['pm', 'moveMeeting', { meetingId: `m${NUL}`, startsAt: '2030-01-01T10:00:00Z' }],
      ['pm', 'recordMinutes', { meetingId: `m${NUL}` }],
      ['pm', 'scheduleExtraordinaryMeeting', { requestId: `r${NUL}`, startsAt: '2030-01-01T10:00:00Z' }],
      ['eve', 'vote', { pollId: `p${NUL}`, choice: 'YES' }],
      ['olev', 'closePoll', { pollId: `p${LONE}` }],
      ['mari', 'markCondition', { proposalId: `p${NUL}`, conditionId: 'c', met: true }],
      ['pm', 'planItem', { itemId: `i${NUL}` }],
      ['anu', 'recordStatusUpdate', { itemId: `i${NUL}`, status: 'inProgress', progress: 1 }],
      ['pm', 'removeFinishedItem', { itemId: `i${LONE}` }],
      ['mari', 'cancelSubstitute', { substitutionId: `s${NUL}` }],
      ['mari', 'setSubstitute', { substituteId: `jaan${NUL}`, from: '2026-12-01', until: '2026-12-05' }],
      ['pm', 'requestFile', { kind: 'minutesMd', meetingId: `m${NUL}` }],
      ['mari', 'saveDraft', { proposalId: 42, fields: {} }],
    ];
    for (const [actor, command, input] of ids) {
      const r = await h.run(actor, command, input);
      expect(r.ok, `${command} ${JSON.stringify(input)}`).toBe(false);
    }
  });

  it('a delivery key or an actor with a NUL is not a crash', async () => {
    const r = await h.run('mari', 'createDraft', { fields: { title: 'Võti' } }, `click${NUL}${LONE}`);
    expect(r.ok).toBe(true);
    const again = await h.run('mari', 'createDraft', { fields: { title: 'Võti' } }, `click${NUL}${LONE}`);
    expect(again.ok && again.replayed).toBe(true);
    const stranger = await h.run(`mari${NUL}`, 'createDraft', { fields: { title: 'Keegi' } });
    expect(stranger.ok ? null : stranger.refusal.key).toBe('refusal.unknownPerson');
  });

  it("only the commands' own names run: toString, constructor and __proto__ are refused", async () => {
    for (const name of ['toString', 'constructor', '__proto__', 'hasOwnProperty', 'valueOf', 'nope']) {
      const r = await h.engine.run({ command: name as CommandName, actorId: 'mari', input: {} });
      expect(r.ok, name).toBe(false);
      if (!r.ok) expect(r.refusal).toMatchObject({ key: 'refusal.unknownCommand', params: { command: name } });
    }
  });

  it('a required field holding only spaces is refused as empty at its step', async () => {
    const blank = await h.run('mari', 'createDraft', { fields: { title: '   ', serviceId: 'pension' } });
    expect(blank.ok ? null : blank.refusal.fieldErrors).toEqual({
      title: { key: 'field.required', params: { min: 1 } },
    });
    const { proposalId } = await h.ok('mari', 'createDraft', { fields: { title: 'Pealkiri', serviceId: 'pension' } });
    for (const fields of [
      { currentSituation: ' \t\n ', problem: 'Probleem' },
      { problem: null },
      { serviceId: '' },
      { title: `${NUL} ` },
    ]) {
      const r = await h.run('mari', 'saveDraft', { proposalId, fields });
      expect(r.ok, JSON.stringify(fields)).toBe(false);
      if (!r.ok) expect(Object.values(r.refusal.fieldErrors).map((e) => e.key)).toEqual(['field.required']);
    }
    // Optional fields may still be emptied.
    await h.ok('mari', 'saveDraft', {
      proposalId,
      fields: { fundingSource: '  ', budgetEur: null, strategicGoalNote: null },
    });
    expect(await db.prisma.proposal.findUniqueOrThrow({ where: { id: proposalId } })).toMatchObject({
      title: 'Pealkiri',
      currentSituation: null,
      fundingSource: null,
    });
  });
});
