// Slack channel flows: linking channels (/portfell seo …), the board's decision modal, co-thinkers'
// opinions (modal or a reply in the post's thread), the committee's votes and closing the poll.
// Every change is an engine command; refusals are ephemeral and change nothing.
import type { App } from '@slack/bolt';
import type { Engine } from '../../engine/engine.ts';
import type { Queries } from '../../engine/queries.ts';
import { t } from '../../i18n/catalogue.ts';
import { formatDate } from '../../i18n/dates.ts';
import { findCardByActivity, findReference } from '../../storage/conversation-refs.ts';
import type { PrismaClient } from '../../storage/generated/client.ts';
import type { Locale, Person } from '../../workflow/directory.ts';
import type { CommitteeDecision } from '../../workflow/outbox-messages.ts';
import { refusalText } from '../refusal-text.ts';
import { channelTargets } from '../channel-targets.ts';
import { boardMessage, boardModal, conditionsModal, opinionModal } from './channel-blocks.ts';
import { slackErrors } from './blocks.ts';
import { readState } from './state.ts';
import { cardMeta, pollMeta, proposalMeta, readJson, unreadableModal } from './payload.ts';
import { afterCommit, slackReply } from './replies.ts';

export interface SlackCard {
  channel: string;
  ts: string;
}

interface Ctx {
  app: App;
  engine: Engine;
  queries: Queries;
  db: PrismaClient;
  defaultLocale: Locale;
  personOf(userId: string | undefined): Promise<Person | undefined>;
}

const CHECKLIST = ['legislation', 'strategyFit', 'risks', 'feasibility'];

export function registerChannelFlows(c: Ctx): {
  link(person: Person, channel: string, target: string): Promise<string>;
} {
  const { app, engine, db } = c;
  const ephemeral = (channel: string, user: string, text: string) =>
    app.client.chat.postEphemeral({ channel, user, text });

  async function link(person: Person, channel: string, target: string): Promise<string> {
    const known = channelTargets(engine.dir, person.locale);
    if (!target) return t(person.locale, 'slack.linkUsage', { targets: known.map((k) => k.value).join(', ') });
    const r = await engine.run({
      command: 'linkChannel',
      actorId: person.id,
      input: { platform: 'slack', roles: [target], reference: { channel } },
      platform: 'slack',
    });
    if (!r.ok) return refusalText(person.locale, r.refusal);
    return t(person.locale, 'channel.linked', { what: known.find((k) => k.value === target)?.title ?? target });
  }

  app.action('board_open', async ({ ack, body, action }) => {
    await ack();
    if (body.type !== 'block_actions' || !('value' in action)) return;
    const person = await c.personOf(body.user.id);
    await app.client.views.open({
      trigger_id: body.trigger_id,
      view: boardModal(person?.locale ?? c.defaultLocale, {
        proposalId: action.value!,
        channel: body.channel!.id,
        ts: body.message!.ts,
      }) as never,
    });
  });

  app.view('board_decide', async ({ ack, body, view }) => {
    const person = await c.personOf(body.user.id);
    const meta = readJson(view.private_metadata, cardMeta);
    if (!meta) {
      await ack(unreadableModal(view, person?.locale ?? c.defaultLocale));
      return;
    }
    if (!person) {
      await ack({ response_action: 'errors', errors: { reason: t(c.defaultLocale, 'refusal.unknownPerson') } });
      return;
    }
    const v = readState(view.state.values as never);
    const ratings = Object.fromEntries(
      ['expectedResult', 'impact', 'priorityFit', 'alternatives'].map((k) => [k, String(v[`rate_${k}`] ?? '')]),
    );
    const key = `slack:view:${view.id}:board`;
    if (Object.values(ratings).every(Boolean)) {
      const a = await engine.run({
        command: 'assess',
        actorId: person.id,
        input: { proposalId: meta.proposalId, ...ratings },
        platform: 'slack',
        deliveryKey: `${key}:assess`,
      });
      if (!a.ok) {
        await ack({ response_action: 'errors', errors: { decision: refusalText(person.locale, a.refusal) } });
        return;
      }
    }
    const decision = String(v.decision ?? '');
    const reason = String(v.reason ?? '');
    const input =
      decision === 'send'
        ? {
            proposalId: meta.proposalId,
            decision,
            priority: Number(v.priority || 3),
            ...(reason ? { comment: reason } : {}),
          }
        : { proposalId: meta.proposalId, decision, reason };
    const r = await engine.run({
      command: 'boardDecide',
      actorId: person.id,
      input,
      platform: 'slack',
      deliveryKey: key,
    });
    if (!r.ok) {
      const field = Object.keys(r.refusal.fieldErrors).length
        ? slackErrors(person.locale, r.refusal.fieldErrors)
        : { decision: refusalText(person.locale, r.refusal) };
      await ack({ response_action: 'errors', errors: field });
      return;
    }
    await ack();
    if (!meta.ts) return; // decided from the Home tab: there is no channel message to redraw
    const p = (await c.queries.proposal(person.id, meta.proposalId))!;
    const outcome = t(person.locale, `board.outcome.${decision as 'send'}`, {
      person: person.name,
      date: formatDate(engine.now()),
      priority: p.priority ?? '',
      reason,
    });
    await afterCommit('redrawing the board message', () =>
      app.client.chat.update({
        channel: meta.channel,
        ts: meta.ts,
        text: outcome,
        blocks: boardMessage(engine.dir, person.locale, p, outcome) as never,
      }),
    );
  });

  app.action('opinion_open', async ({ ack, body, action }) => {
    await ack();
    if (body.type !== 'block_actions' || !('value' in action)) return;
    const person = await c.personOf(body.user.id);
    await app.client.views.open({
      trigger_id: body.trigger_id,
      view: opinionModal(person?.locale ?? c.defaultLocale, action.value!) as never,
    });
  });

  app.view('opinion_give', async ({ ack, body, view }) => {
    const person = await c.personOf(body.user.id);
    const meta = readJson(view.private_metadata, proposalMeta);
    if (!meta) {
      await ack(unreadableModal(view, person?.locale ?? c.defaultLocale));
      return;
    }
    const { proposalId } = meta;
    if (!person) {
      await ack({ response_action: 'errors', errors: { argumentation: t(c.defaultLocale, 'refusal.unknownPerson') } });
      return;
    }
    const v = readState(view.state.values as never);
    const input: Record<string, unknown> = {
      proposalId,
      recommendation: String(v.recommendation ?? ''),
      argumentation: String(v.argumentation ?? ''),
    };
    for (const k of CHECKLIST) if (v[k]) input[k] = String(v[k]);
    const r = await engine.run({
      command: 'giveOpinion',
      actorId: person.id,
      input,
      platform: 'slack',
      deliveryKey: `slack:view:${view.id}:opinion`,
    });
    if (!r.ok) {
      await ack({
        response_action: 'errors',
        errors: Object.keys(r.refusal.fieldErrors).length
          ? slackErrors(person.locale, r.refusal.fieldErrors)
          : { argumentation: refusalText(person.locale, r.refusal) },
      });
      return;
    }
    await ack();
  });

  // A reply in a co-thinker post's thread is (part of) that person's opinion. Edits count as a new
  // reply; deletions leave the opinion as it was (it is a record for the committee).
  app.event('message', async ({ event, body }) => {
    const e = event as {
      channel_type?: string;
      subtype?: string;
      bot_id?: string;
      user?: string;
      text?: string;
      thread_ts?: string;
      ts?: string;
      channel: string;
      message?: { user?: string; text?: string; thread_ts?: string; ts?: string; bot_id?: string };
    };
    if (e.channel_type === 'im') return;
    const m = e.subtype === 'message_changed' ? (e.message ?? {}) : e.subtype ? null : e;
    if (!m || m.bot_id || !m.thread_ts || m.thread_ts === m.ts || !m.user) return;
    const cardKey = await findCardByActivity(db, 'slack', 'card:coThinker:', m.thread_ts);
    if (!cardKey) return;
    const person = await c.personOf(m.user);
    if (!person) return;
    const proposalId = cardKey.split(':')[3]!;
    // "Saved" goes through the outbox with the opinion (once, even when Slack retries the event); a
    // refusal changed nothing and is answered at once.
    const r = await engine.run({
      command: 'replyOpinion',
      actorId: person.id,
      input: { proposalId, text: m.text ?? '' },
      platform: 'slack',
      deliveryKey: `slack:event:${(body as { event_id?: string }).event_id ?? m.ts}`,
      replies: () => [slackReply(person.id, m.user!, { kind: 'opinionSaved', proposalId }, e.channel)],
    });
    if (!r.ok) await ephemeral(e.channel, m.user, refusalText(person.locale, r.refusal));
  });

  async function vote(
    userId: string,
    channel: string,
    pollId: string,
    choice: CommitteeDecision,
    conditions: string | null,
    key: string,
  ): Promise<string> {
    const person = await c.personOf(userId);
    if (!person) return t(c.defaultLocale, 'refusal.unknownPerson');
    const input = choice === 'YES_IF' ? { pollId, choice, conditions: conditions ?? '' } : { pollId, choice };
    // "Your vote" goes through the outbox with the vote; a refusal changed nothing and is answered at once.
    const r = await engine.run({
      command: 'vote',
      actorId: person.id,
      input,
      platform: 'slack',
      deliveryKey: key,
      replies: (v) =>
        channel ? [slackReply(person.id, userId, { kind: 'voted', pollId: v.pollId, choice: v.choice }, channel)] : [],
    });
    const text = r.ok
      ? t(person.locale, 'slack.voted', { vote: `@decision.${choice}` })
      : refusalText(person.locale, r.refusal);
    if (!r.ok && channel) await ephemeral(channel, userId, text);
    return text;
  }

  for (const [actionId, choice] of [
    ['poll_vote_yes', 'YES'],
    ['poll_vote_no', 'NO'],
  ] as const) {
    app.action(actionId, async ({ ack, body, action }) => {
      await ack();
      if (body.type !== 'block_actions' || !('value' in action)) return;
      await vote(
        body.user.id,
        body.channel!.id,
        action.value!,
        choice,
        null,
        `slack:${body.user.id}:${(action as { action_ts?: string }).action_ts ?? body.trigger_id}`,
      );
    });
  }

  app.action('poll_vote_yes_if', async ({ ack, body, action }) => {
    await ack();
    if (body.type !== 'block_actions' || !('value' in action)) return;
    const person = await c.personOf(body.user.id);
    await app.client.views.open({
      trigger_id: body.trigger_id,
      view: conditionsModal(person?.locale ?? c.defaultLocale, action.value!, 'poll_yes_if', null) as never,
    });
  });

  app.view('poll_yes_if', async ({ ack, body, view }) => {
    const meta = readJson(view.private_metadata, pollMeta);
    const person = await c.personOf(body.user.id);
    if (!meta) {
      await ack(unreadableModal(view, person?.locale ?? c.defaultLocale));
      return;
    }
    const { pollId } = meta;
    const conditions = String(readState(view.state.values as never).conditions ?? '');
    const poll = await findReference<SlackCard>(db, 'slack', `card:poll:${pollId}`);
    if (!person) {
      await ack({ response_action: 'errors', errors: { conditions: t(c.defaultLocale, 'refusal.unknownPerson') } });
      return;
    }
    const r = await engine.run({
      command: 'vote',
      actorId: person.id,
      input: { pollId, choice: 'YES_IF', conditions },
      platform: 'slack',
      deliveryKey: `slack:view:${view.id}:vote`,
      replies: (v) =>
        poll
          ? [slackReply(person.id, body.user.id, { kind: 'voted', pollId: v.pollId, choice: v.choice }, poll.channel)]
          : [],
    });
    if (!r.ok) {
      await ack({ response_action: 'errors', errors: { conditions: refusalText(person.locale, r.refusal) } });
      return;
    }
    await ack();
  });

  app.action('poll_close', async ({ ack, body, action }) => {
    await ack();
    if (body.type !== 'block_actions' || !('value' in action)) return;
    const person = await c.personOf(body.user.id);
    const poll = person ? await c.queries.poll(person.id, action.value!) : null;
    await app.client.views.open({
      trigger_id: body.trigger_id,
      view: conditionsModal(
        person?.locale ?? c.defaultLocale,
        action.value!,
        'poll_close',
        poll?.tally.majority ?? null,
      ) as never,
    });
  });

  app.view('poll_close', async ({ ack, body, view }) => {
    const meta = readJson(view.private_metadata, pollMeta);
    const person = await c.personOf(body.user.id);
    if (!meta) {
      await ack(unreadableModal(view, person?.locale ?? c.defaultLocale));
      return;
    }
    const { pollId } = meta;
    if (!person) {
      await ack({ response_action: 'errors', errors: { decision: t(c.defaultLocale, 'refusal.unknownPerson') } });
      return;
    }
    const v = readState(view.state.values as never);
    const conditions = String(v.conditions ?? '')
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean);
    const input: Record<string, unknown> = { pollId };
    if (v.decision) input.decision = String(v.decision);
    if (v.reason) input.reason = String(v.reason);
    if (conditions.length) input.conditions = conditions;
    const r = await engine.run({
      command: 'closePoll',
      actorId: person.id,
      input,
      platform: 'slack',
      deliveryKey: `slack:view:${view.id}:close`,
    });
    if (!r.ok) {
      await ack({ response_action: 'errors', errors: { decision: refusalText(person.locale, r.refusal) } });
      return;
    }
    await ack();
  });

  return { link };
}
