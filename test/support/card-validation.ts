// Validates an Adaptive Card with the official `adaptivecards` parser (loaded as its dist bundle,
// which runs in Node without a DOM) and Teams' 28 KB limit.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AC = require('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => { parse(json: unknown, ctx: unknown): void; validateProperties(): { validationEvents: { message: string }[] } };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string } };
};

export const TEAMS_CARD_LIMIT = 28 * 1024;

export function cardProblems(card: unknown): string[] {
  const ctx = new AC.SerializationContext();
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, ctx);
  const problems: string[] = [];
  for (let i = 0; i < ctx.eventCount; i += 1) problems.push(ctx.getEventAt(i).message);
  for (const e of parsed.validateProperties().validationEvents) problems.push(e.message);
  const size = Buffer.byteLength(JSON.stringify(card));
  if (size > TEAMS_CARD_LIMIT) problems.push(`card is ${size} bytes, over Teams' ${TEAMS_CARD_LIMIT}`);
  return problems;
}
