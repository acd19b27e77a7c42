// Sends correctly signed requests to the bot's /slack/events, as Slack does: slash commands and
// interactions form-encoded, events as JSON; v0 HMAC-SHA256 signatures over "v0:<ts>:<body>".
import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = '0123456789abcdef0123456789abcdef';

export function sign(body: string, ts: number, secret = SIGNING_SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex')}`;
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
    const state: Record<string, Record<string, unknown>> = {};
    for (const block of view.blocks ?? []) {
      if (block.type !== 'input') continue;
      const v = values[block.block_id];
      const el = block.element.type;
      state[block.block_id] = {
        v:
          el === 'static_select' || el === 'radio_buttons'
            ? { type: el, selected_option: v ? { value: v } : null }
            : el === 'checkboxes' || el.startsWith('multi_')
              ? { type: el, selected_options: ((v as string[]) ?? []).map((x) => ({ value: x })) }
              : { type: el, value: v ?? null },
      };
    }
    return this.interaction({
      type,
      user: { id: userId },
      view: { ...view, id: view.id ?? 'V-test', state: { values: state } },
      trigger_id: 'trig-v',
    });
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
