// The committee flows: written once for Teams and Slack (see src/bot/conversation/flow.ts).
import type { Flow } from '../conversation/flow.ts';
import type { Intent } from '../intents.ts';

export const committeeFlows: Flow[] = [];

export const committeeIntents: Partial<Record<Intent, string>> = {};
