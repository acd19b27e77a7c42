// The audit-chain notice to a portfolio manager in Slack: a header, what is wrong, what to do next.
import type { AuditNotice } from '../audit-notice.ts';
import { section, type Block } from './blocks.ts';
import { clip, escapeMrkdwn } from './mrkdwn.ts';

export function auditNoticeBlocks(n: AuditNotice): Block[] {
  return [
    { type: 'header', text: { type: 'plain_text', text: clip(n.title, 150), emoji: true } },
    section(`:warning: *${escapeMrkdwn(n.what)}*`),
    section(escapeMrkdwn(n.next)),
    { type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(n.checked) }] },
  ];
}

/** The notification text (shown where blocks are not: the push notification, the channel list). */
export const auditNoticeText = (n: AuditNotice): string => `${n.title}: ${n.what}`;
