// Portfolio manager's meeting commands: date meetings (also extraordinary ones on a member's
// request), put proposals on the agenda, open and close the co-thinker round, record the minutes.
import { z } from 'zod';
import { parseOrRefuse } from '../../workflow/forms.ts';
import { refuse } from '../../workflow/refusal.ts';
import { idField } from '../../workflow/text.ts';
import { meetingDeadlines, quarterOf } from '../../workflow/calendar.ts';
import type { OutboxMessageDraft } from '../../workflow/outbox-messages.ts';
import { authorize } from '../../workflow/policy.ts';
import * as committee from '../../workflow/transitions/committee.ts';
import * as m from '../../workflow/transitions/meetings.ts';
import { audienceOfRole, linkChannel as linkChannelFlow } from '../../workflow/transitions/channels.ts';
import { wakeAudiences } from '../../storage/outbox.ts';
import type { Tx } from '../../storage/tx.ts';
import { moveStatusRows, planMeetingRows } from '../deadlines.ts';
import { applyOutcome, lockProposal } from '../proposal-rows.ts';
import type { Unit } from '../unit.ts';
import { splitId } from './ids.ts';

async function lockMeeting(tx: Tx, id: string) {
  const locked = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Meeting" WHERE id = ${id} FOR UPDATE`;
  if (locked.length === 0) refuse('refusal.meetingNotFound');
  return (await tx.meeting.findUnique({ where: { id }, include: { round: true } }))!;
}

async function insertMeeting(u: Unit, domainId: string, startsAt: Date, extraordinary: boolean) {
  const meeting = await u.tx.meeting.create({ data: { domainId, startsAt, extraordinary } });
  await planMeetingRows(u.tx, u.dir, meeting.id, startsAt);
  u.audit('meeting', meeting.id, null, meeting);
  u.send([
    {
      audience: { kind: 'committeeChannel', domainId: m.domainOf(domainId) },
      payload: { kind: 'meetingScheduled', meetingId: meeting.id },
    },
  ]);
  return meeting;
}

export async function createMeeting(u: Unit, input: unknown): Promise<{ meetingId: string }> {
  const v = m.createMeeting(input, u.ctx);
  return { meetingId: (await insertMeeting(u, v.domainId, v.startsAt, v.extraordinary)).id };
}

/** The portfolio manager fills the next quarters with their default meetings (one per quarter). */
export async function planMeetings(u: Unit, input: unknown): Promise<{ meetingIds: string[] }> {
  const v = m.planMeetings(input, u.ctx);
  // Two managers (or a Teams and a Slack click) at once: one after the other, so no quarter gets two.
  await u.tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${`planMeetings:${v.domainId}`}))`;
  const created: string[] = [];
  for (const { quarter, startsAt } of v.dates) {
    const existing = await u.tx.meeting.findMany({
      where: { domainId: v.domainId, extraordinary: false, status: { not: 'cancelled' } },
      select: { startsAt: true },
    });
    if (existing.some((e) => quarterOf(e.startsAt) === quarter)) continue;
    created.push((await insertMeeting(u, v.domainId, startsAt, false)).id);
  }
  return { meetingIds: created };
}

export async function requestExtraordinaryMeeting(u: Unit, input: unknown): Promise<{ requestId: string }> {
  const r = m.requestExtraordinaryMeeting(input, u.ctx);
  const row = await u.tx.meetingRequest.create({
    data: { domainId: r.domainId, reason: r.reason, requestedById: u.actorId },
  });
  u.audit('meetingRequest', row.id, null, row);
  u.send([
    { audience: { kind: 'portfolioManagers' }, payload: { kind: 'extraordinaryMeetingRequested', requestId: row.id } },
  ]);
  return { requestId: row.id };
}

export async function scheduleExtraordinaryMeeting(u: Unit, input: unknown): Promise<{ meetingId: string }> {
  const { id, body } = splitId('requestId', input);
  m.requirePortfolioManager(u.ctx);
  const { startsAt } = parseOrRefuse(z.object({ startsAt: z.coerce.date() }).strict(), body);
  const locked = await u.tx.$queryRaw<{ id: string }[]>`SELECT id FROM "MeetingRequest" WHERE id = ${id} FOR UPDATE`;
  if (locked.length === 0) refuse('refusal.requestNotFound');
  const request = (await u.tx.meetingRequest.findUnique({ where: { id } }))!;
  if (request.status !== 'pending') refuse('refusal.requestHandled');
  if (startsAt <= u.now) refuse('refusal.meetingInPast');
  const meeting = await insertMeeting(u, request.domainId, startsAt, true);
  const after = await u.tx.meetingRequest.update({
    where: { id },
    data: { status: 'scheduled', meetingId: meeting.id },
  });
  u.audit('meetingRequest', id, request, after);
  return { meetingId: meeting.id };
}

/**
 * Moves a planned meeting. Its open deadlines are derived again from the new date, and an open
 * co-thinker round's due date moves by the same amount, so reminders follow the meeting.
 */
export async function moveMeeting(u: Unit, input: unknown): Promise<{ meetingId: string }> {
  const v = m.moveMeeting(input, u.ctx);
  const meeting = await lockMeeting(u.tx, v.meetingId);
  if (meeting.status !== 'planned') refuse('refusal.meetingPast');
  const { round, ...before } = meeting;
  const after = await u.tx.meeting.update({ where: { id: meeting.id }, data: { startsAt: v.startsAt } });
  await planMeetingRows(u.tx, u.dir, meeting.id, v.startsAt);
  await moveStatusRows(u.tx, meeting.id, v.deadlines.statusUpdatesDueAt);
  if (round && !round.closedAt) {
    const delta = v.startsAt.getTime() - meeting.startsAt.getTime();
    const moved = await u.tx.coThinkerRound.update({
      where: { id: round.id },
      data: { opinionsDueAt: new Date(round.opinionsDueAt.getTime() + delta) },
    });
    u.audit('coThinkerRound', round.id, round, moved);
  }
  u.audit('meeting', meeting.id, before, after);
  u.touchMeeting(meeting.id);
  u.send([
    {
      audience: { kind: 'committeeChannel', domainId: m.domainOf(meeting.domainId) },
      payload: { kind: 'meetingScheduled', meetingId: meeting.id },
    },
  ]);
  return { meetingId: meeting.id };
}

/** Puts a proposal the board sent on a meeting's agenda; joins an open co-thinker round at once. */
export async function schedule(u: Unit, input: unknown): Promise<{ proposalId: string; meetingId: string }> {
  const { id, body } = splitId('proposalId', input);
  const { meetingId } = parseOrRefuse(z.object({ meetingId: idField() }).strict(), body);
  const p = await lockProposal(u.tx, id);
  authorize(u.dir, u.actorId, 'schedule', p, u.ctx.delegation); // who and when before what: a stranger learns nothing of meetings
  const meeting = await lockMeeting(u.tx, meetingId);
  const outcome = committee.schedule(
    p,
    {
      id: meeting.id,
      domainId: m.domainOf(meeting.domainId),
      startsAt: meeting.startsAt,
      status: meeting.status as 'planned',
    },
    u.ctx,
  );
  // Back on the meeting it was on before (JAH, KUI, then resubmitted): it returns to that agenda in
  // its place, as of now; co-thinkers already have its post from when it was first there.
  const earlier = await u.tx.agendaItem.findUnique({
    where: { meetingId_proposalId: { meetingId, proposalId: p.id } },
  });
  if (earlier) {
    const after = await u.tx.agendaItem.update({
      where: { meetingId_proposalId: { meetingId, proposalId: p.id } },
      data: { addedAt: u.now },
    });
    u.audit('agendaItem', `${meetingId}/${p.id}`, earlier, after);
  } else {
    const position = (await u.tx.agendaItem.count({ where: { meetingId } })) + 1;
    await u.tx.agendaItem.create({ data: { meetingId, proposalId: p.id, position, addedAt: u.now } });
  }
  await applyOutcome(u, p, outcome);
  if (!earlier && meeting.round && !meeting.round.closedAt) {
    u.send([coThinkerPost(meeting.domainId, meeting.round.id, p.id, meeting.round.opinionsDueAt)]);
  }
  return { proposalId: p.id, meetingId };
}

function coThinkerPost(domainId: string, roundId: string, proposalId: string, due: Date): OutboxMessageDraft {
  return {
    audience: { kind: 'coThinkersChannel', domainId: m.domainOf(domainId) },
    payload: { kind: 'coThinkerItemPosted', roundId, proposalId, opinionsDueAt: due.toISOString() },
  };
}

/** Shares the meeting's agenda with the co-thinkers: one post per proposal, with the deadline. */
export async function openRound(u: Unit, input: unknown): Promise<{ roundId: string }> {
  m.requirePortfolioManager(u.ctx);
  const v = parseOrRefuse(m.openRoundSchema, input);
  return startRound(u, v.meetingId, v.opinionsDueAt, v.discussionAt ?? null);
}

/**
 * The opinions deadline: two weeks before the meeting; a round opened later than that (a meeting
 * dated at short notice) gives co-thinkers a week, but ends the day before the meeting at the latest.
 */
function lateAwareDue(usual: Date, startsAt: Date, now: Date): Date {
  const DAY = 86_400_000;
  if (usual.getTime() - now.getTime() >= 2 * DAY) return usual;
  return new Date(Math.max(now.getTime() + 3600_000, Math.min(startsAt.getTime() - DAY, now.getTime() + 7 * DAY)));
}

/**
 * Opens the co-thinker round of a meeting: by the portfolio manager early, or by the scheduler on
 * the day the meeting's dates say (the actor is then "scheduler").
 */
export async function startRound(
  u: Unit,
  meetingId: string,
  opinionsDueAt?: Date,
  discussionAt: Date | null = null,
): Promise<{ roundId: string }> {
  const v = { discussionAt };
  const meeting = await lockMeeting(u.tx, meetingId);
  if (meeting.round) refuse('refusal.roundExists');
  if (meeting.status !== 'planned' || meeting.startsAt <= u.now) refuse('refusal.meetingPast');
  const agenda = await u.tx.agendaItem.findMany({ where: { meetingId: meeting.id }, orderBy: { position: 'asc' } });
  if (agenda.length === 0) refuse('refusal.roundEmpty');
  const due =
    opinionsDueAt ??
    lateAwareDue(meetingDeadlines(meeting.startsAt, u.dir.calendar?.offsets).opinionsDueAt, meeting.startsAt, u.now);
  const round = await u.tx.coThinkerRound.create({
    data: {
      meetingId: meeting.id,
      openedById: u.actorId,
      openedAt: u.now,
      discussionAt: v.discussionAt,
      opinionsDueAt: due,
    },
  });
  u.audit('coThinkerRound', round.id, null, round);
  u.touchMeeting(meeting.id);
  u.send(agenda.map((a) => coThinkerPost(meeting.domainId, round.id, a.proposalId, due)));
  return { roundId: round.id };
}

export async function closeRound(u: Unit, input: unknown): Promise<{ roundId: string }> {
  m.requirePortfolioManager(u.ctx);
  const { meetingId } = parseOrRefuse(z.object({ meetingId: idField() }).strict(), input);
  const meeting = await lockMeeting(u.tx, meetingId);
  if (!meeting.round) refuse('refusal.roundNotOpen', { number: '' });
  if (meeting.round.closedAt) refuse('refusal.roundClosed');
  const after = await u.tx.coThinkerRound.update({ where: { id: meeting.round.id }, data: { closedAt: u.now } });
  u.audit('coThinkerRound', after.id, meeting.round, after);
  u.touchMeeting(meeting.id);
  u.send([
    {
      audience: { kind: 'coThinkersChannel', domainId: m.domainOf(meeting.domainId) },
      payload: { kind: 'coThinkerRoundClosed', roundId: after.id },
    },
  ]);
  return { roundId: after.id };
}

export async function recordMinutes(u: Unit, input: unknown): Promise<{ meetingId: string }> {
  m.requirePortfolioManager(u.ctx);
  const v = parseOrRefuse(m.minutesSchema, input);
  const meeting = await lockMeeting(u.tx, v.meetingId);
  const { round: _round, ...before } = meeting;
  const after = await u.tx.meeting.update({
    where: { id: meeting.id },
    data: {
      status: 'held',
      ...(v.minutesText !== undefined ? { minutesText: v.minutesText } : {}),
      ...(v.deltaNumber !== undefined ? { deltaNumber: v.deltaNumber } : {}),
    },
  });
  u.audit('meeting', meeting.id, before, after);
  await u.tx.deadline.updateMany({
    where: { meetingId: meeting.id, status: 'open' },
    data: { status: 'done', closedAt: u.now },
  });
  return { meetingId: meeting.id };
}

/** The portfolio manager links a chat channel to its roles; later posts for those roles go there. */
export async function linkChannel(u: Unit, input: unknown): Promise<{ roles: string[] }> {
  const v = linkChannelFlow(input, u.ctx);
  for (const role of v.roles) {
    const key = `channel:${role}`;
    const before = await u.tx.conversationReference.findUnique({
      where: { platform_key: { platform: v.platform, key } },
    });
    await u.tx.conversationReference.upsert({
      where: { platform_key: { platform: v.platform, key } },
      create: { platform: v.platform, key, reference: v.reference as object },
      update: { reference: v.reference as object },
    });
    u.audit('channel', `${v.platform}:${role}`, before?.reference ?? null, v.reference);
  }
  // What already waits for these channels goes out now, not after its 15-minute wait.
  await wakeAudiences(
    u.tx,
    u.now,
    v.roles.map(audienceOfRole).filter((a) => a !== null),
  );
  return { roles: v.roles };
}
