// Substitutions as the engine uses them: whom an actor stands in for now (so `authorize` can let a
// substitute agree or decide), and requests to an absent person re-addressed to their substitute.
import type { Audience, OutboxMessageDraft, OutboxPayload, ReminderItem } from '../workflow/outbox-messages.ts';
import type { Tx } from '../storage/tx.ts';

const active = (now: Date) => ({ cancelledAt: null, startsAt: { lte: now }, endsAt: { gt: now } });

/** The people the actor substitutes for at this moment. */
export async function absentFor(tx: Tx, actorId: string, now: Date): Promise<string[]> {
  const rows = await tx.substitution.findMany({
    where: { substituteId: actorId, ...active(now) },
    select: { absentId: true },
  });
  return rows.map((r) => r.absentId);
}

/** Who receives a person's requests now: their substitute while one is named, else themselves. */
export async function recipientOf(tx: Tx, personId: string, now: Date): Promise<string> {
  const s = await tx.substitution.findFirst({
    where: { absentId: personId, ...active(now) },
    orderBy: { createdAt: 'desc' },
  });
  return s?.substituteId ?? personId;
}

/**
 * Requests a substitute can act on (an agreement). Notices, votes, opinions and status requests stay
 * with the person: they are personal or not delegable. Reminder digests are routed line by line by
 * the tick (`DELEGABLE_KINDS`).
 */
const REQUESTS: ReadonlySet<OutboxPayload['kind']> = new Set(['agreementRequested']);
export const DELEGABLE_KINDS: ReadonlySet<string> = new Set(['agreement', 'boardDecision']);

export async function routeRequests(
  tx: Tx,
  now: Date,
  effects: readonly OutboxMessageDraft[],
): Promise<OutboxMessageDraft[]> {
  const out: OutboxMessageDraft[] = [];
  for (const e of effects) {
    if (e.audience.kind !== 'person' || !REQUESTS.has(e.payload.kind)) {
      out.push(e);
      continue;
    }
    const to = await recipientOf(tx, e.audience.personId, now);
    const audience: Audience =
      to === e.audience.personId ? e.audience : { kind: 'person', personId: to, onBehalfOf: e.audience.personId };
    out.push({ ...e, audience });
  }
  return out;
}

/** The open actions of a person, as reminder lines (for a substitute taking over). */
export async function openItemsOf(tx: Tx, personId: string): Promise<ReminderItem[]> {
  const rows = await tx.deadline.findMany({
    where: { personId, status: 'open', kind: { in: [...DELEGABLE_KINDS] } },
    orderBy: { since: 'asc' },
    take: 50,
  });
  return reminderItems(tx, rows);
}

/** Reminder lines for Deadline rows, with the proposal's number and title or the item's title. */
export async function reminderItems(
  tx: Tx,
  rows: readonly {
    kind: string;
    proposalId: string | null;
    itemId: string | null;
    since: Date | null;
    deadlineAt: Date | null;
    createdAt: Date;
  }[],
): Promise<ReminderItem[]> {
  const proposalIds = [...new Set(rows.map((r) => r.proposalId).filter((x): x is string => !!x))];
  const itemIds = [...new Set(rows.map((r) => r.itemId).filter((x): x is string => !!x))];
  const proposals = new Map(
    (
      await tx.proposal.findMany({
        where: { id: { in: proposalIds } },
        select: { id: true, number: true, title: true },
      })
    ).map((p) => [p.id, p]),
  );
  const items = new Map(
    (await tx.portfolioItem.findMany({ where: { id: { in: itemIds } }, select: { id: true, title: true } })).map(
      (i) => [i.id, i],
    ),
  );
  return rows.map((r) => {
    const p = r.proposalId ? proposals.get(r.proposalId) : undefined;
    return {
      kind: r.kind as ReminderItem['kind'],
      proposalId: r.proposalId,
      itemId: r.itemId,
      number: p?.number ?? null,
      title: p?.title ?? (r.itemId ? items.get(r.itemId)?.title : undefined) ?? '',
      since: (r.since ?? r.createdAt).toISOString(),
      dueAt: r.deadlineAt?.toISOString() ?? null,
    };
  });
}
