// The rules every command obeys: refusals change nothing, repeats change nothing twice,
// concurrent actions give one valid outcome, the audit chain detects tampering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/storage/database.ts';
import { verifyAuditLog } from '../src/storage/audit-log.ts';
import { LIMITS } from '../src/workflow/forms.ts';
import { TEST_TARGETS } from './support/databases.ts';
import { Harness } from './support/harness.ts';
import { FULL_FORM } from './support/org.ts';

async function snapshot(db: Database) {
  const [proposals, decisions, audit, outbox, votes] = await Promise.all([
    db.prisma.proposal.findMany({ orderBy: { id: 'asc' } }),
    db.prisma.decision.count(),
    db.prisma.auditEvent.count(),
    db.prisma.outboxMessage.count(),
    db.prisma.vote.count(),
  ]);
  return { proposals, decisions, audit, outbox, votes };
}

describe.each(TEST_TARGETS)('engine rules on $name', (target) => {
  let db: Database;
  let h: Harness;
  beforeAll(async () => {
    db = await target.open();
    h = new Harness(db);
  });
  afterAll(async () => {
    await db.close();
  });

  it('refuses wrong person, wrong stage, bad fields — and changes nothing', async () => {
    const { proposalId } = await h.ok('mari', 'createDraft', { fields: { title: 'Poolik' } });
    const before = await snapshot(db);

    expect(await h.refused('stranger', 'saveDraft', { proposalId, fields: { title: 'x' } })).toBe(
      'refusal.only.submitter',
    );
    expect(await h.refused('nobody', 'saveDraft', { proposalId, fields: { title: 'x' } })).toBe(
      'refusal.unknownPerson',
    );
    expect(await h.refused('jaan', 'agree', { proposalId })).toBe('refusal.onlyServiceManager');
    expect(await h.refused('mari', 'agree', { proposalId })).toBe('refusal.onlyServiceManager');
    expect(await h.refused('pm', 'schedule', { proposalId, meetingId: 'x' })).toBe('refusal.wrongStage');
    expect(await h.refused('mari', 'submit', { proposalId: 'not-a-proposal' })).toBe('refusal.notFound');

    const incomplete = await h.run('mari', 'submit', { proposalId });
    expect(incomplete.ok).toBe(false);
    if (!incomplete.ok) {
      expect(incomplete.refusal.key).toBe('validation.incomplete');
      expect(Object.keys(incomplete.refusal.fieldErrors).sort()).toEqual([
        'alternatives',
        'currentSituation',
        'expectedResult',
        'impact',
        'problem',
        'serviceId',
      ]);
    }
    const tooLong = await h.run('mari', 'saveDraft', {
      proposalId,
      fields: { title: 'x'.repeat(LIMITS.title + 1), problem: 'ok' },
    });
    expect(!tooLong.ok && tooLong.refusal.fieldErrors.title).toEqual({
      key: 'field.tooLong',
      params: { max: LIMITS.title },
    });
    const wrongType = await h.run('mari', 'saveDraft', { proposalId, fields: { budgetEur: 'palju' } });
    expect(!wrongType.ok && wrongType.refusal.fieldErrors.budgetEur?.key).toBe('field.wrongType');
    const negative = await h.run('mari', 'saveDraft', { proposalId, fields: { budgetEur: -5 } });
    expect(!negative.ok && negative.refusal.fieldErrors.budgetEur?.key).toBe('field.tooSmall');
    const unknownService = await h.run('mari', 'saveDraft', { proposalId, fields: { serviceId: 'nope' } });
    expect(!unknownService.ok && unknownService.refusal.fieldErrors.serviceId?.key).toBe('field.unknownService');
    const unknownField = await h.run('mari', 'saveDraft', { proposalId, fields: { owner: 'jaan' } });
    expect(!unknownField.ok && unknownField.refusal.fieldErrors._form?.key).toBe('field.unknown');
    expect(await h.refused('mari', 'saveDraft', { proposalId, fields: 'text' })).toBe('validation.invalid');
    expect(await h.refused('mari', 'createDraft', { fields: { title: 'y'.repeat(5000) } })).toBe('validation.invalid');

    expect(await snapshot(db)).toEqual(before);
  });

  it('a forged payload (another proposal, another person) changes nothing', async () => {
    const a = await h.atBoard();
    const b = await h.atBoard('tiit', 'ehealth');
    const before = await snapshot(db);
    // Liis is on SKA's board; the TerK proposal is not hers even if a button says so.
    expect(await h.refused('liis', 'boardDecide', { proposalId: b, decision: 'doNotSend', reason: 'x' })).toBe(
      'refusal.only.boardMember',
    );
    // A condition id of proposal A used on proposal B.
    expect(await h.refused('tiit', 'markCondition', { proposalId: b, conditionId: a, met: true })).toBe(
      'refusal.wrongStage',
    );
    expect(await snapshot(db)).toEqual(before);
  });

  it('the same delivery key twice returns the first result and changes nothing twice', async () => {
    const { proposalId } = await h.ok('mari', 'createDraft', { fields: FULL_FORM });
    const first = await h.run('mari', 'submit', { proposalId }, 'slack-evt-1');
    const afterFirst = await snapshot(db);
    const second = await h.run('mari', 'submit', { proposalId }, 'slack-evt-1');
    expect(first).toMatchObject({ ok: true, replayed: false });
    expect(second).toMatchObject({ ok: true, replayed: true });
    expect(second.ok && first.ok && second.value).toEqual(first.ok && first.value);
    expect(await snapshot(db)).toEqual(afterFirst);
    // Two clicks at once with the same key: one runs, one replays.
    const both = await Promise.all([
      h.run('jaan', 'agree', { proposalId }, 'click-9'),
      h.run('jaan', 'agree', { proposalId }, 'click-9'),
    ]);
    expect(both.map((r) => r.ok && r.replayed).sort()).toEqual([false, true]);
    expect(await db.prisma.decision.count({ where: { proposalId, kind: 'agreed' } })).toBe(1);
  });

  it('two concurrent agreements (and a return at the same time) give one valid outcome', async () => {
    const { proposalId } = await h.ok('mari', 'createDraft', { fields: FULL_FORM });
    await h.ok('mari', 'submit', { proposalId });
    const results = await Promise.all([
      h.run('jaan', 'agree', { proposalId }, 'a1'),
      h.run('jaan', 'agree', { proposalId }, 'a2'),
      h.run('jaan', 'returnForChanges', { proposalId, comment: 'Ei' }, 'a3'),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.refusal.key)).toEqual([
      'refusal.wrongStage',
      'refusal.wrongStage',
    ]);
    const decisions = await db.prisma.decision.findMany({
      where: { proposalId, kind: { in: ['agreed', 'returned'] } },
    });
    expect(decisions).toHaveLength(1);
    expect(await h.status(proposalId)).toBe(decisions[0]!.kind === 'agreed' ? 'board' : 'returned');
  });

  it('two board members deciding at the same moment: one decision stands, the other is refused', async () => {
    const proposalId = await h.atBoard();
    await h.ok('liis', 'assess', {
      proposalId,
      expectedResult: 'strong',
      impact: 'strong',
      priorityFit: 'strong',
      alternatives: 'adequate',
    });
    const results = await Promise.all([
      h.run('liis', 'boardDecide', { proposalId, decision: 'send', priority: 1 }),
      h.run('margus', 'boardDecide', { proposalId, decision: 'doNotSend', reason: 'Raha pole' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const decisions = await db.prisma.decision.findMany({
      where: { proposalId, kind: { in: ['boardSent', 'boardNotSent'] } },
    });
    expect(decisions).toHaveLength(1);
    expect(await h.status(proposalId)).toBe(decisions[0]!.kind === 'boardSent' ? 'toCommittee' : 'notSent');
  });

  it('20 committee members voting in the same second are all counted exactly once', async () => {
    const proposalId = await h.atBoard();
    await h.scheduled(proposalId);
    const { pollId } = await h.ok('pm', 'openPoll', { proposalId });
    const voters = Array.from({ length: 20 }, (_, i) => `voter${i + 1}`);
    const results = await Promise.all(
      voters.map((v, i) => h.run(v, 'vote', { pollId, choice: i % 4 === 0 ? 'NO' : 'YES' }, `vote-${v}`)),
    );
    expect(results.every((r) => r.ok)).toBe(true);
    const votes = await db.prisma.vote.findMany({ where: { pollId } });
    expect(votes).toHaveLength(20);
    expect(new Set(votes.map((v) => v.personId)).size).toBe(20);
    const agenda = await h.engine.db.poll.findUniqueOrThrow({ where: { id: pollId }, include: { votes: true } });
    expect(agenda.votes.filter((v) => v.choice === 'NO')).toHaveLength(5);
    expect(await verifyAuditLog(db.prisma)).toBeNull();
  });

  it('linking a channel: only the portfolio manager, only known roles, audited', async () => {
    const ref = { channel: 'C123' };
    expect(await h.refused('eve', 'linkChannel', { platform: 'slack', roles: ['board:SKA'], reference: ref })).toBe(
      'refusal.only.portfolioManager',
    );
    expect(await h.refused('pm', 'linkChannel', { platform: 'slack', roles: ['board:NOPE'], reference: ref })).toBe(
      'refusal.unknownChannelRole',
    );
    expect(
      await h.ok('pm', 'linkChannel', { platform: 'slack', roles: ['board:SKA', 'committee:social'], reference: ref }),
    ).toEqual({ roles: ['board:SKA', 'committee:social'] });
    const stored = await db.prisma.conversationReference.findMany({
      where: { platform: 'slack', key: { startsWith: 'channel:' } },
      orderBy: { key: 'asc' },
    });
    expect(stored.map((r) => [r.key, r.reference])).toEqual([
      ['channel:board:SKA', ref],
      ['channel:committee:social', ref],
    ]);
    expect(await db.prisma.auditEvent.count({ where: { entityType: 'channel' } })).toBe(2);
    expect(await verifyAuditLog(db.prisma)).toBeNull();
  });

  it('the audit chain verifies, and detects a changed, a deleted and a deleted last row', async () => {
    expect(await verifyAuditLog(db.prisma)).toBeNull();
    const last = await db.prisma.auditEvent.findFirstOrThrow({ orderBy: { seq: 'desc' } });
    expect(last.seq).toBeGreaterThan(10);
    const middle = Math.floor(last.seq / 2);
    const target = await db.prisma.auditEvent.findUniqueOrThrow({ where: { seq: middle } });

    await db.sql.query(`UPDATE "AuditEvent" SET "actorId" = 'mallory' WHERE seq = $1`, [middle]);
    expect(await verifyAuditLog(db.prisma)).toEqual({ kind: 'changed', seq: middle });
    await db.sql.query(`UPDATE "AuditEvent" SET "actorId" = $1 WHERE seq = $2`, [target.actorId, middle]);
    await db.sql.query(
      `UPDATE "AuditEvent" SET "after" = jsonb_set("after", '{status}', '"approved"') WHERE seq = $1 AND "after" ? 'status'`,
      [middle],
    );
    const afterJson = await verifyAuditLog(db.prisma);
    if (target.after && typeof target.after === 'object' && 'status' in target.after)
      expect(afterJson).toEqual({ kind: 'changed', seq: middle });
    await db.sql.query(`UPDATE "AuditEvent" SET "after" = $1::jsonb WHERE seq = $2`, [
      JSON.stringify(target.after),
      middle,
    ]);
    expect(await verifyAuditLog(db.prisma)).toBeNull();

    await db.sql.query(`DELETE FROM "AuditEvent" WHERE seq = $1`, [middle]);
    expect(await verifyAuditLog(db.prisma)).toEqual({ kind: 'missing', seq: middle });
    await db.sql.query(
      `INSERT INTO "AuditEvent" (seq, at, "actorId", "onBehalfOf", platform, command, "entityType", "entityId", before, after, "prevHash", hash)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10::jsonb, $11, $12)`,
      [
        target.seq,
        target.at,
        target.actorId,
        target.onBehalfOf,
        target.platform,
        target.command,
        target.entityType,
        target.entityId,
        target.before == null ? null : JSON.stringify(target.before),
        target.after == null ? null : JSON.stringify(target.after),
        target.prevHash,
        target.hash,
      ],
    );
    expect(await verifyAuditLog(db.prisma)).toBeNull();

    await db.sql.query(`DELETE FROM "AuditEvent" WHERE seq = $1`, [last.seq]);
    expect(await verifyAuditLog(db.prisma)).toEqual({ kind: 'headMismatch', seq: last.seq });
  });
});
