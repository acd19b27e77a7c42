// Clicks and replies in channels: linking a channel, the board's decision, co-thinkers' opinions
// (checklist or a thread reply), committee votes and closing the poll. Every change is an engine
// command; a refusal comes back as a message and leaves the card as it was.
import type { Engine } from '../../engine/engine.ts';
import type { Queries } from '../../engine/queries.ts';
import { t } from '../../i18n/catalogue.ts';
import { findCardByActivity } from '../../storage/conversation-refs.ts';
import type { PrismaClient } from '../../storage/generated/client.ts';
import type { Person } from '../../workflow/directory.ts';
import type { CommitteeDecision } from '../../workflow/outbox-messages.ts';
import { boardCard, CRITERIA } from './board-card.ts';
import { channelTargets } from '../channel-targets.ts';
import { pollCard } from './committee-cards.ts';
import type { TeamsReference } from './dispatcher.ts';
import { cardResult, messageResult, refusalText, type InvokeResult } from './handlers.ts';

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** The channel's own conversation id (a post's id carries ";messageid=<root>"). */
export function channelOf(conversationId: string): { channel: string; root: string | null } {
  const [channel, rest] = conversationId.split(';messageid=');
  return { channel: channel!, root: rest ?? null };
}

export class ChannelHandlers {
  constructor(
    private readonly engine: Engine,
    private readonly queries: Queries,
    private readonly db: PrismaClient,
  ) {}

  private get dir() {
    return this.engine.dir;
  }

  async link(person: Person, data: Record<string, unknown>, ref: TeamsReference, key: string): Promise<InvokeResult> {
    const locale = person.locale;
    const roles = str(data.target).split(',').filter(Boolean);
    if (roles.length === 0) return messageResult(t(locale, 'field.required'));
    const reference = { serviceUrl: ref.serviceUrl, conversation: { id: channelOf(ref.conversation.id).channel } };
    const r = await this.engine.run({
      command: 'linkChannel',
      actorId: person.id,
      input: { platform: 'teams', roles, reference },
      platform: 'teams',
      deliveryKey: key,
    });
    if (!r.ok) return messageResult(refusalText(locale, r.refusal));
    const titles = channelTargets(this.dir, locale);
    return messageResult(
      t(locale, 'channel.linked', {
        what: r.value.roles.map((c) => titles.find((k) => k.value === c)?.title ?? c).join('; '),
      }),
    );
  }

  async boardDecide(person: Person, data: Record<string, unknown>, key: string): Promise<InvokeResult> {
    const locale = person.locale;
    const proposalId = str(data.proposalId);
    const decision = str(data.decision);
    const ratings = Object.fromEntries(CRITERIA.map((c) => [c, str(data[`rate_${c}`])]));
    const rated = CRITERIA.every((c) => ratings[c]);
    if (rated) {
      const a = await this.engine.run({
        command: 'assess',
        actorId: person.id,
        input: { proposalId, ...ratings },
        platform: 'teams',
        deliveryKey: `${key}:assess`,
      });
      if (!a.ok) return messageResult(refusalText(locale, a.refusal));
    }
    const input =
      decision === 'send'
        ? {
            proposalId,
            decision,
            priority: Number(str(data.priority) || 3),
            ...(str(data.reason) ? { comment: str(data.reason) } : {}),
          }
        : { proposalId, decision, reason: str(data.reason) };
    const r = await this.engine.run({
      command: 'boardDecide',
      actorId: person.id,
      input,
      platform: 'teams',
      deliveryKey: key,
    });
    if (!r.ok) return messageResult(refusalText(locale, r.refusal));
    const p = (await this.queries.proposal(person.id, proposalId))!;
    return cardResult(
      boardCard(this.dir, locale, p, {
        decision: decision as 'send',
        personName: person.name,
        at: this.engine.now(),
        priority: p.priority ?? null,
        reason: str(data.reason) || null,
      }),
    );
  }

  async giveOpinion(person: Person, data: Record<string, unknown>, key: string): Promise<InvokeResult> {
    const locale = person.locale;
    const proposalId = str(data.proposalId);
    const input: Record<string, unknown> = {
      proposalId,
      recommendation: str(data.recommendation),
      argumentation: str(data.argumentation),
    };
    for (const c of ['legislation', 'strategyFit', 'risks', 'feasibility']) if (str(data[c])) input[c] = str(data[c]);
    const r = await this.engine.run({
      command: 'giveOpinion',
      actorId: person.id,
      input,
      platform: 'teams',
      deliveryKey: key,
    });
    if (!r.ok) return messageResult(refusalText(locale, r.refusal));
    const p = await this.queries.proposal(person.id, proposalId);
    return messageResult(t(locale, 'opinion.saved', { number: p?.number ?? '' }));
  }

  /**
   * A reply in a co-thinker post's thread: recorded as (part of) the person's opinion. Null when the
   * message is no such reply; else the text to answer at once: a refusal, or '' when the thanks goes
   * through the outbox with the opinion (into the thread at `serviceUrl`: once, after commit).
   */
  async threadReply(
    person: Person,
    conversationId: string,
    text: string,
    key: string,
    serviceUrl: string,
  ): Promise<string | null> {
    const { root } = channelOf(conversationId);
    if (!root) return null;
    const cardKey = await findCardByActivity(this.db, 'teams', 'card:coThinker:', root);
    if (!cardKey) return null;
    const proposalId = cardKey.split(':')[3]!;
    const r = await this.engine.run({
      command: 'replyOpinion',
      actorId: person.id,
      input: { proposalId, text },
      platform: 'teams',
      deliveryKey: key,
      replies: () => [
        {
          audience: { kind: 'reply', platform: 'teams', personId: person.id, channel: conversationId, serviceUrl },
          payload: { kind: 'opinionSaved', proposalId },
        },
      ],
    });
    return r.ok ? '' : refusalText(person.locale, r.refusal);
  }

  async vote(person: Person, data: Record<string, unknown>, key: string): Promise<InvokeResult> {
    const locale = person.locale;
    const pollId = str(data.pollId);
    const choice = str(data.choice) as CommitteeDecision;
    const input = choice === 'YES_IF' ? { pollId, choice, conditions: str(data.conditions) } : { pollId, choice };
    const r = await this.engine.run({
      command: 'vote',
      actorId: person.id,
      input,
      platform: 'teams',
      deliveryKey: key,
    });
    if (!r.ok) return messageResult(refusalText(locale, r.refusal));
    return this.pollResult(person, pollId, choice);
  }

  async closePoll(person: Person, data: Record<string, unknown>, key: string): Promise<InvokeResult> {
    const locale = person.locale;
    const pollId = str(data.pollId);
    const conditions = str(data.closeConditions)
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const input: Record<string, unknown> = { pollId };
    if (str(data.decision)) input.decision = str(data.decision);
    if (str(data.reason)) input.reason = str(data.reason);
    if (conditions.length) input.conditions = conditions;
    const r = await this.engine.run({
      command: 'closePoll',
      actorId: person.id,
      input,
      platform: 'teams',
      deliveryKey: key,
    });
    if (!r.ok) return messageResult(refusalText(locale, r.refusal));
    return this.pollResult(person, pollId, null);
  }

  private async pollResult(person: Person, pollId: string, myVote: CommitteeDecision | null): Promise<InvokeResult> {
    const poll = (await this.queries.poll(person.id, pollId))!;
    const p = (await this.queries.proposal(person.id, poll.proposalId))!;
    const mine = myVote ?? poll.votes.find((v) => v.personId === person.id)?.choice ?? null;
    return cardResult(pollCard(this.dir, person.locale, p, poll, mine));
  }
}
