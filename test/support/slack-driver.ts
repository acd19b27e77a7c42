// Sends correctly signed requests to the bot's /slack/events, as Slack does: slash commands and
// interactions form-encoded, events as JSON; v0 HMAC-SHA256 signatures over "v0:<ts>:<body>".
import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = '0123456789abcdef0123456789abcdef';

export function sign(body: string, ts: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
}

/** The state Slack sends for input blocks (`view.state` or a message's `state`): values by block id. */
export function stateOf(blocks: any[] | undefined, values: Record<string, unknown>) {
  const state: Record<string, Record<string, unknown>> = {};
  for (const block of blocks ?? []) {
    if (block.type !== 'input') continue;
    const v = values[block.block_id];
    const el = block.element.type;
    state[block.block_id] = {
      v:
        el === 'static_select' || el === 'radio_buttons' || el === 'external_select'
          ? { type: el, selected_option: v ? { value: v } : null }
          : el === 'checkboxes' || el.startsWith('multi_')
            ? { type: el, selected_options: ((v as string[]) ?? []).map((x) => ({ value: x })) }
            : { type: el, value: v ?? null },
    };
  }
  return state;
}

/** What the inputs of these blocks hold as Slack shows them (their initial values), by block id, as `stateOf` takes them. */
export function initialValues(blocks: any[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const b of blocks ?? []) {
    if (b.type !== 'input') continue;
    const e = b.element;
    if (e.initial_option) out[b.block_id] = e.initial_option.value;
    else if (e.initial_options) out[b.block_id] = e.initial_options.map((o: { value: string }) => o.value);
    else if (e.initial_value !== undefined) out[b.block_id] = e.initial_value;
  }
  return out;
}

/** The button with this visible text in blocks (a message's, a modal's or the Home tab's). */
export function buttonOf(blocks: any[] | undefined, text: string): { action_id: string; value: string } {
  for (const b of blocks ?? [])
    for (const e of [...(b.elements ?? []), ...(b.accessory ? [b.accessory] : [])])
      if (e.type === 'button' && e.text?.text === text) return e;
  throw new Error(`No button "${text}" in ${JSON.stringify(blocks).slice(0, 400)}`);
}

export class SlackDriver {
  constructor(private readonly url: string) {}

  async raw(
    body: string,
    contentType: string,
    headers: Record<string, string> = {},
    ts = Math.floor(Date.now() / 1000),
  ) {
    const res = await fetch(`${this.url}/slack/events`, {
      method: 'POST',
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': String(ts),
        'x-slack-signature': sign(body, ts),
        ...headers,
      },
      body,
    });
    const text = await res.text();
    let json: any;
    try {
      json = text ? JSON.parse(text) : undefined;
    } catch {
      json = text;
    }
    return { status: res.status, body: json };
  }

  command(userId: string, command: string, text = '', responseUrl = 'http://127.0.0.1:9/resp') {
    const body = new URLSearchParams({
      command,
      text,
      user_id: userId,
      user_name: userId,
      team_id: 'T1',
      channel_id: `D${userId}`,
      trigger_id: `trig-${Math.random()}`,
      response_url: responseUrl,
      api_app_id: 'A1',
      token: 'x',
    }).toString();
    return this.raw(body, 'application/x-www-form-urlencoded');
  }

  interaction(payload: Record<string, unknown>, headers: Record<string, string> = {}) {
    const body = new URLSearchParams({
      payload: JSON.stringify({ team: { id: 'T1' }, api_app_id: 'A1', token: 'x', ...payload }),
    }).toString();
    return this.raw(body, 'application/x-www-form-urlencoded', headers);
  }

  /** A modal submission with the given input values by block id. */
  submitView(
    userId: string,
    view: Record<string, any>,
    values: Record<string, unknown>,
    type: 'view_submission' | 'view_closed' = 'view_submission',
  ) {
    const state = stateOf(view.blocks, values);
    return this.interaction({
      type,
      user: { id: userId },
      view: { ...view, id: view.id ?? 'V-test', state: { values: state } },
      trigger_id: 'trig-v',
    });
  }

  /**
   * Clicks the button with this text where it is shown: in a modal (with its inputs' values by block
   * id), or in a message (its channel and ts; answers go to `responseUrl`).
   */
  press(
    userId: string,
    text: string,
    where:
      | { view: Record<string, any>; viewId: string }
      | { blocks: any[]; channel: string; ts: string; responseUrl?: string },
    values: Record<string, unknown> = {},
  ) {
    const blocks = 'view' in where ? where.view.blocks : where.blocks;
    const button = buttonOf(blocks, text);
    const action = {
      type: 'button',
      action_id: button.action_id,
      value: button.value,
      action_ts: String(Date.now() / 1000),
    };
    const state = { values: stateOf(blocks, values) };
    return this.interaction(
      'view' in where
        ? {
            type: 'block_actions',
            user: { id: userId },
            trigger_id: `trig-${Math.random()}`,
            container: { type: 'view', view_id: where.viewId },
            view: { ...where.view, id: where.viewId, state },
            actions: [action],
          }
        : {
            type: 'block_actions',
            user: { id: userId },
            trigger_id: `trig-${Math.random()}`,
            channel: { id: where.channel },
            container: { type: 'message', message_ts: where.ts, channel_id: where.channel },
            message: { ts: where.ts, text: '' },
            state,
            ...(where.responseUrl ? { response_url: where.responseUrl } : {}),
            actions: [action],
          },
    );
  }

  event(event: Record<string, unknown>) {
    const body = JSON.stringify({
      type: 'event_callback',
      team_id: 'T1',
      api_app_id: 'A1',
      event_id: `Ev${Math.random()}`,
      event_time: Math.floor(Date.now() / 1000),
      event,
    });
    return this.raw(body, 'application/json');
  }

  click(
    userId: string,
    actionId: string,
    value: string,
    message: { channel: string; ts: string },
    headers: Record<string, string> = {},
    responseUrl?: string,
  ) {
    return this.interaction(
      {
        ...(responseUrl ? { response_url: responseUrl } : {}),
        type: 'block_actions',
        user: { id: userId },
        trigger_id: 'trig-b',
        channel: { id: message.channel },
        container: { type: 'message', message_ts: message.ts, channel_id: message.channel },
        message: { ts: message.ts, text: '' },
        actions: [
          { type: 'button', action_id: actionId, block_id: 'agreement', value, action_ts: String(Date.now() / 1000) },
        ],
      },
      headers,
    );
  }
}
