// Every command the engine knows, by name. The platforms turn clicks and replies into these.
import * as board from './board.ts';
import * as conditions from './conditions.ts';
import * as files from './files.ts';
import * as meetings from './meetings.ts';
import * as opinions from './opinions.ts';
import * as polls from './polls.ts';
import * as portfolio from './portfolio.ts';
import * as proposals from './proposals.ts';
import * as publication from './publication.ts';
import * as substitutes from './substitutes.ts';

export const COMMANDS = {
  createDraft: proposals.createDraft,
  saveDraft: proposals.saveDraft,
  submit: proposals.submit,
  agree: proposals.agree,
  returnForChanges: proposals.returnForChanges,
  assess: board.assess,
  boardDecide: board.boardDecide,
  createMeeting: meetings.createMeeting,
  planMeetings: meetings.planMeetings,
  moveMeeting: meetings.moveMeeting,
  requestExtraordinaryMeeting: meetings.requestExtraordinaryMeeting,
  scheduleExtraordinaryMeeting: meetings.scheduleExtraordinaryMeeting,
  schedule: meetings.schedule,
  openRound: meetings.openRound,
  closeRound: meetings.closeRound,
  recordMinutes: meetings.recordMinutes,
  linkChannel: meetings.linkChannel,
  giveOpinion: opinions.giveOpinion,
  replyOpinion: opinions.replyOpinion,
  openPoll: polls.openPoll,
  vote: polls.vote,
  closePoll: polls.closePoll,
  markCondition: conditions.markCondition,
  resubmitToCommittee: conditions.resubmitToCommittee,
  recordStatusUpdate: portfolio.recordStatusUpdate,
  planItem: portfolio.planItem,
  removeFinishedItem: portfolio.removeFinishedItem,
  publishEdition: publication.publishEdition,
  requestFile: files.requestFile,
  setSubstitute: substitutes.setSubstitute,
  cancelSubstitute: substitutes.cancelSubstitute,
} as const;

export type CommandName = keyof typeof COMMANDS;
export type CommandResult<C extends CommandName> = Awaited<ReturnType<(typeof COMMANDS)[C]>>;
