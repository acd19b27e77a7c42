// Every flow a person can run, on either platform, and the typed words that start one.
// Where do I add a button? Add a flow to the area's file here (src/bot/flows/<area>.ts), put a
// Button with its id in a View, and both platforms show it and route its clicks.
import { defineFlows } from '../conversation/flow.ts';
import type { Intent } from '../intents.ts';
import { conversationFlows, conversationIntents } from './conversation.ts';

export const FLOWS = defineFlows(...conversationFlows);

/** The flow a typed command starts (parsed by src/bot/intents.ts). */
export const INTENT_FLOWS: Partial<Record<Intent, string>> = {
  ...conversationIntents,
};
