// The audit-chain notice to a portfolio manager in Teams: an Adaptive Card with the heading in the
// attention colour, what is wrong, what to do next and when it was checked.
import type { AuditNotice } from '../audit-notice.ts';
import { card, text, type Card } from './cards.ts';
import { escapeCardText } from './markdown.ts';

export function auditNoticeCard(n: AuditNotice): Card {
  return card([
    text(escapeCardText(n.title), { size: 'Medium', weight: 'Bolder', style: 'heading', color: 'Attention' }),
    text(escapeCardText(n.what), { weight: 'Bolder' }),
    text(escapeCardText(n.next)),
    text(escapeCardText(n.checked), { isSubtle: true, size: 'Small' }),
  ]);
}
