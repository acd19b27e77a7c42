// The process of PROCESS.md as data: the stages a proposal (arendusalgatus) passes through, which
// command moves it from where to where, and who may give that command. The engine checks every
// command against this table; src/workflow/transitions/ holds what each command produces.

/** Bump when stages or transitions change; stored beside each proposal. */
export const PROCESS_VERSION = 1;

export const STAGES = [
  'draft', //        mustand: the submitter is filling the form
  'agreement', //    kooskõlastamisel: waiting for the service manager (or policy manager)
  'returned', //     tagastatud: back with the submitter for changes
  'board', //        asutuse juhtrühmas: assessed and decided by the institution's ICT board
  'notSent', //      juhtrühm ei esitanud: the board decided not to send it (final)
  'toCommittee', //  esitatud juhtkomisjonile: waits for the portfolio manager to put it on a meeting
  'scheduled', //    päevakorras: on a committee meeting's agenda; co-thinkers give opinions
  'voting', //       hääletusel: the committee's poll is open
  'approved', //     JAH: in the portfolio (final)
  'conditions', //   JAH, KUI: conditions to meet before it goes to a committee again
  'rejected', //     EI (final)
] as const;
export type Stage = (typeof STAGES)[number];

export const FINAL_STAGES: readonly Stage[] = ['notSent', 'approved', 'rejected'];

/** Roles as the process names them; resolved against the directory for each proposal. */
export type Role =
  | 'submitter' //        idee esitaja
  | 'agreer' //           teenuse juht, or poliitikajuht when the service has none
  | 'boardMember' //      asutuse IKT juhtrühma liige (of the proposal's institution)
  | 'portfolioManager' // arendusportfellide haldur
  | 'committeeChair' //   juhtkomisjoni esimees (of the proposal's domain)
  | 'committeeMember' //  juhtkomisjoni liige (of the proposal's domain)
  | 'coThinker'; //       kaasamõtleja (of the proposal's domain)

export interface Transition {
  command: string;
  from: readonly Stage[];
  to: readonly Stage[];
  who: readonly Role[];
  /** PROCESS.md step this implements */
  step: string;
}

export const TRANSITIONS = [
  {
    command: 'saveDraft',
    from: ['draft', 'returned', 'conditions'],
    to: ['draft', 'returned', 'conditions'],
    who: ['submitter'],
    step: '1.1',
  },
  { command: 'submit', from: ['draft', 'returned'], to: ['agreement', 'board'], who: ['submitter'], step: '1.1–1.2' },
  { command: 'agree', from: ['agreement'], to: ['board'], who: ['agreer'], step: '1.2' },
  { command: 'returnForChanges', from: ['agreement'], to: ['returned'], who: ['agreer'], step: '1.2' },
  { command: 'assess', from: ['board'], to: ['board'], who: ['boardMember'], step: '1.4' },
  {
    command: 'boardDecide',
    from: ['board'],
    to: ['toCommittee', 'notSent', 'returned'],
    who: ['boardMember'],
    step: '1.5',
  },
  { command: 'schedule', from: ['toCommittee'], to: ['scheduled'], who: ['portfolioManager'], step: '2.1' },
  { command: 'giveOpinion', from: ['scheduled'], to: ['scheduled'], who: ['coThinker'], step: '2.2' },
  { command: 'replyOpinion', from: ['scheduled'], to: ['scheduled'], who: ['coThinker'], step: '2.2' },
  {
    command: 'openPoll',
    from: ['scheduled'],
    to: ['voting'],
    who: ['portfolioManager', 'committeeChair'],
    step: '2.4',
  },
  { command: 'vote', from: ['voting'], to: ['voting'], who: ['committeeMember', 'committeeChair'], step: '2.4' },
  {
    command: 'closePoll',
    from: ['voting'],
    to: ['approved', 'conditions', 'rejected'],
    who: ['committeeChair', 'portfolioManager'],
    step: '2.4–2.5',
  },
  { command: 'markCondition', from: ['conditions'], to: ['conditions'], who: ['submitter'], step: '2.4' },
  { command: 'resubmitToCommittee', from: ['conditions'], to: ['toCommittee'], who: ['submitter'], step: '2.4' },
] as const satisfies readonly Transition[];

export type ProposalCommand = (typeof TRANSITIONS)[number]['command'];

export function transitionFor(command: ProposalCommand): Transition {
  const t = TRANSITIONS.find((x) => x.command === command);
  if (!t) throw new Error(`No transition for ${command}`);
  return t;
}

/** What happens next at each stage, and who is expected to act (for "my proposals"). */
export const NEXT_ACTOR: Record<Stage, Role | null> = {
  draft: 'submitter',
  agreement: 'agreer',
  returned: 'submitter',
  board: 'boardMember',
  notSent: null,
  toCommittee: 'portfolioManager',
  scheduled: 'coThinker',
  voting: 'committeeMember',
  approved: null,
  conditions: 'submitter',
  rejected: null,
};
