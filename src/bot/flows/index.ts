// Every flow a person can run, on either platform, and the typed words that start one.
// Where do I add a button? Add a flow to its area's file here (src/bot/flows/<area>.ts) and put a
// Button with the flow's id in a View: both platforms show it and route its clicks to the flow.
import { defineFlows, type Search } from '../conversation/flow.ts';
import type { Intent } from '../intents.ts';
import { committeeFlows, committeeIntents } from './committee.ts';
import { conversationFlows, conversationIntents } from './conversation.ts';
import { deskFlows, deskIntents, deskSearches } from './desk.ts';
import { proposalsFlows, proposalsIntents } from './proposals.ts';
import { reviewFlows, reviewIntents } from './review.ts';

export const FLOWS = defineFlows(
  ...conversationFlows,
  ...proposalsFlows,
  ...reviewFlows,
  ...committeeFlows,
  ...deskFlows,
);

/** The flow a typed command starts (parsed by src/bot/intents.ts). */
export const INTENT_FLOWS: Partial<Record<Intent, string>> = {
  ...conversationIntents,
  ...proposalsIntents,
  ...reviewIntents,
  ...committeeIntents,
  ...deskIntents,
};

/** The searches of 'search' inputs, by dataset (Teams' card.search and Slack's block_suggestion ask them). */
export const SEARCHES: Readonly<Record<string, Search>> = { ...deskSearches };
