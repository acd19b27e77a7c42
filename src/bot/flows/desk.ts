// The desk flows: written once for Teams and Slack (see src/bot/conversation/flow.ts). The portfolio
// manager's desk, meetings and files (desk-meetings.ts, desk-files.ts); the calendar and substitutes
// (desk-calendar.ts); the portfolio, the plan of an item and status updates (desk-portfolio.ts).
import type { Flow, Search } from '../conversation/flow.ts';
import type { Intent } from '../intents.ts';
import { politely } from './desk-common.ts';
import { calendarFlows, PEOPLE_DATASET, searchPeople, substituteFlows } from './desk-calendar.ts';
import { filesFlows } from './desk-files.ts';
import { deskMeetingFlows } from './desk-meetings.ts';
import { ITEMS_DATASET, portfolioFlows, searchItems, statusFlows } from './desk-portfolio.ts';

export const deskFlows: Flow[] = [
  ...deskMeetingFlows,
  ...filesFlows,
  ...calendarFlows,
  ...substituteFlows,
  ...portfolioFlows,
  ...statusFlows,
].map((f) => ({ ...f, run: politely(f.run) }));

export const deskIntents: Partial<Record<Intent, string>> = {
  manage: 'desk.show',
  portfolio: 'portfolio.show',
  status: 'status.show',
  calendar: 'calendar.show',
  substitute: 'substitute.show',
};

/** The searches of the desk's 'search' inputs: people for a substitute, portfolio items for a plan's links. */
export const deskSearches: Record<string, Search> = {
  [PEOPLE_DATASET]: searchPeople,
  [ITEMS_DATASET]: searchItems,
};

/** `/portfell <word>` on Slack: the words that open a desk flow (anything else filters the portfolio). */
export const PORTFELL_WORDS: Record<string, string> = {
  haldus: 'desk.show',
  manage: 'desk.show',
  staatus: 'status.show',
  status: 'status.show',
  kalender: 'calendar.show',
  calendar: 'calendar.show',
  asendaja: 'substitute.show',
  asendus: 'substitute.show',
  substitute: 'substitute.show',
  away: 'substitute.show',
};
