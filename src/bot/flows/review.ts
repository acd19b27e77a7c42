// The review flows: written once for Teams and Slack (see src/bot/conversation/flow.ts).
import type { Flow } from '../conversation/flow.ts';
import type { Intent } from '../intents.ts';

export const reviewFlows: Flow[] = [];

export const reviewIntents: Partial<Record<Intent, string>> = {};
