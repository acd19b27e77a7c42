// The desk flows: written once for Teams and Slack (see src/bot/conversation/flow.ts).
import type { Flow } from '../conversation/flow.ts';
import type { Intent } from '../intents.ts';

export const deskFlows: Flow[] = [];

export const deskIntents: Partial<Record<Intent, string>> = {};
