// What the Slack side sends after a click once the command has committed. Messages go through the
// outbox (written in the command's transaction: sent once, retried on Slack's 429/5xx); a redraw of
// the clicked message in place is attempted and, if Slack fails, only logged — a platform error never
// turns a committed command into an error for the person.
import type { OutboxMessageDraft, OutboxPayload } from '../../workflow/outbox-messages.ts';

/** An answer to `personId` (Slack user `userId`): an ephemeral in `channel`, or a DM without one. */
export function slackReply(
  personId: string,
  userId: string,
  payload: OutboxPayload,
  channel?: string,
): OutboxMessageDraft {
  return { audience: { kind: 'reply', platform: 'slack', personId, userId, ...(channel ? { channel } : {}) }, payload };
}

/** Runs a Slack call made after the command committed; a failure is logged, not thrown. */
export async function afterCommit(what: string, call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    console.warn(
      `Slack: ${what} failed after the change was saved (the change stands):`,
      error instanceof Error ? error.message : error,
    );
  }
}

/** How long to wait before a click's own answer is tried again after Slack refused it: twice, then it is given up. */
const ANSWER_WAITS_MS = [1_000, 3_000];

/**
 * A click's own answer (sent to its response_url) is not an outbox message: when Slack refuses it for a
 * moment (429 or a server error), it is tried again after a short wait, so that it still arrives, once.
 */
export async function answerAgain<T>(call: () => Promise<T>, waits: readonly number[] = ANSWER_WAITS_MS): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      const status = (error as { statusCode?: unknown }).statusCode;
      const passing = status === 429 || (typeof status === 'number' && status >= 500);
      if (!passing || attempt >= waits.length) throw error;
      await new Promise((r) => setTimeout(r, waits[attempt]));
    }
  }
}
