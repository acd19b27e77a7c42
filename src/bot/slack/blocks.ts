// Block Kit helpers for what is not yet drawn from a neutral view (the audit notice). Everything else
// is a View rendered by src/bot/slack/render.ts.
import { clip } from './mrkdwn.ts';

export type Block = Record<string, unknown>;
export const section = (text: string): Block => ({ type: 'section', text: { type: 'mrkdwn', text: clip(text, 3000) } });
