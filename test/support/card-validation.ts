// Validates an Adaptive Card with the official `adaptivecards` parser (loaded as its dist bundle,
// which runs in Node without a DOM) and Teams' 28 KB limit.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const AC = require('adaptivecards/dist/adaptivecards.js') as {
  AdaptiveCard: new () => {
    parse(json: unknown, ctx: unknown): void;
    validateProperties(): { validationEvents: { message: string }[] };
  };
  SerializationContext: new (targetVersion?: unknown) => {
    eventCount: number;
    getEventAt(i: number): { message: string };
  };
  Version: { parse(v: unknown, ctx: unknown): unknown };
};

export const TEAMS_CARD_LIMIT = 28 * 1024;

/**
 * What Teams' own renderer has in its schema 1.5 that the public schema only has from 1.6: the
 * typeahead of an Input.ChoiceSet (`choices.data`, Data.Query — Teams' "dynamic typeahead search";
 * the Teams renderer bundled in the Agents Playground declares it at 1.5, and its latest version is
 * 1.5, with 1.6 a preview). Microsoft documents Teams as limited to 1.5, and 1.6 cards are reported
 * as "couldn't be displayed" there (microsoft/AdaptiveCards#9378), so such a card declares 1.5.
 */
const TEAMS_1_5 = ['Property "choices.data" is supported in version 1.6, but you are using version 1.5.'];

/** Problems of a card, checked against the version it declares (a 1.6 property in a 1.5 card is one). */
export function cardProblems(card: unknown): string[] {
  const declared = AC.Version.parse((card as { version?: unknown })?.version, new AC.SerializationContext());
  const ctx = new AC.SerializationContext(declared);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, ctx);
  const problems: string[] = [];
  for (let i = 0; i < ctx.eventCount; i += 1) problems.push(ctx.getEventAt(i).message);
  for (const e of parsed.validateProperties().validationEvents) problems.push(e.message);
  const size = Buffer.byteLength(JSON.stringify(card));
  if (size > TEAMS_CARD_LIMIT) problems.push(`card is ${size} bytes, over Teams' ${TEAMS_CARD_LIMIT}`);
  return (card as { version?: unknown })?.version === '1.5' ? problems.filter((p) => !TEAMS_1_5.includes(p)) : problems;
}
