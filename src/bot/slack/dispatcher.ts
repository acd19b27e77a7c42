// Delivers the engine's outbox messages in Slack: direct messages to people by their Slack user id
// (from the organisation file). Slack's 429 and 5xx go back to the outbox with Retry-After.
import type { WebClient } from '@slack/web-api';
import { t } from '../../i18n/catalogue.ts';
import type { Directory, Person } from '../../workflow/directory.ts';
import type { PrismaClient } from '../../storage/generated/client.ts';
import { RetryLater, type OutboxRow, type PlatformDispatcher } from '../../storage/outbox.ts';
import { notificationText } from '../notifications.ts';
import { loadProposal } from '../proposal-data.ts';
import { agreementBlocks } from './blocks.ts';
import { escapeMrkdwn } from './mrkdwn.ts';

export class SlackDispatcher implements PlatformDispatcher {
  readonly platform = 'slack';

  constructor(private readonly db: PrismaClient, private readonly dir: () => Directory, private readonly client: WebClient, private readonly nonce: () => string) {}

  /** People this message goes to who have a Slack account in the organisation file. */
  recipients(row: OutboxRow): Person[] {
    const dir = this.dir();
    const ids = row.audience.kind === 'person' ? [row.audience.personId] : row.audience.kind === 'portfolioManagers' ? dir.portfolioManagerIds : [];
    return ids.map((id) => dir.people.get(id)).filter((p): p is Person => !!p?.slackUserId);
  }

  /** People with a Slack user id; channel messages come with the Slack channel flows. */
  reaches(row: OutboxRow): boolean {
    return this.recipients(row).length > 0;
  }

  async deliver(row: OutboxRow): Promise<void> {
    const people = this.recipients(row);
    if (people.length === 0) throw new RetryLater('No recipient has a Slack user id in the organisation file', 60 * 60_000);
    for (const person of people) {
      const message = await this.render(row, person);
      if (!message) continue;
      try {
        await this.client.chat.postMessage({ channel: person.slackUserId!, ...message } as never);
      } catch (error) {
        throw toRetry(error);
      }
    }
  }

  private async render(row: OutboxRow, person: Person): Promise<{ text: string; blocks?: unknown[] } | null> {
    const dir = this.dir();
    const locale = person.locale;
    if (row.payload.kind === 'agreementRequested') {
      const p = await loadProposal(this.db, row.payload.proposalId);
      return p ? { text: t(locale, 'agreement.title', { number: p.number }), blocks: agreementBlocks(dir, locale, p, this.nonce()) } : null;
    }
    // Notifications quote titles and comments people typed: escaped, so they cannot ping or link.
    const text = await notificationText(this.db, dir, row.payload, row.audience, locale, escapeMrkdwn);
    return text ? { text } : null;
  }
}

/** Slack's rate limit (429, Retry-After in seconds) and server errors: try again later. */
export function toRetry(error: unknown): Error {
  const e = error as { code?: string; retryAfter?: number; data?: { error?: string }; message?: string };
  if (e.code === 'slack_webapi_rate_limited_error') return new RetryLater('Slack rate limit (429)', (e.retryAfter ?? 30) * 1000);
  if (e.code === 'slack_webapi_http_error') return new RetryLater(`Slack HTTP error: ${e.message ?? ''}`);
  return error instanceof Error ? error : new Error(String(error));
}
