// Who may read what: every read of the engine (each Queries method and each kind of download) by a
// person in every role, against the read policy (src/workflow/read-policy.ts). A new read without a
// rule here, or a rule without a read, fails the first test.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Queries } from '../src/engine/queries.ts';
import type { Database } from '../src/storage/database.ts';
import type { Directory, Domain } from '../src/workflow/directory.ts';
import { READ_RULES, type ReadName } from '../src/workflow/read-policy.ts';
import { Refusal } from '../src/workflow/refusal.ts';
import { FILE_READS } from '../src/workflow/transitions/files.ts';
import { TEST_TARGETS } from './support/databases.ts';
import { Harness } from './support/harness.ts';
import { FULL_FORM, ORG } from './support/org.ts';

/** One person for each role; in the test directory Kaia is a co-thinker and nothing else. */
const ROLES = {
  outsider: 'nobody',
  plain: 'stranger',
  submitter: 'mari',
  agreer: 'jaan',
  board: 'liis',
  coThinker: 'kaia',
  member: 'toomas',
  chair: 'olev',
  manager: 'pm',
  representative: 'anu',
  tehik: 'rein',
} as const;
type Role = keyof typeof ROLES;
const ALL: Role[] = Object.keys(ROLES) as Role[];
const IN_ORG = ALL.filter((r) => r !== 'outsider');

/** Who may: the whole matrix, by read (and, for proposals, by stage). */
const EXPECTED: Record<string, Role[]> = {
  myProposals: IN_ORG,
  waitingFor: IN_ORG,
  substitutions: IN_ORG,
  calendar: IN_ORG,
  portfolio: IN_ORG,
  pictures: IN_ORG,
  myOpinion: IN_ORG,
  proposal: ['submitter', 'agreer', 'board', 'coThinker', 'member', 'chair', 'manager'],
  'proposal (a draft)': ['submitter', 'manager'],
  'proposal (with the agreer)': ['submitter', 'agreer', 'manager'],
  history: ['submitter', 'agreer', 'board', 'coThinker', 'member', 'chair', 'manager'],
  conditions: ['submitter', 'agreer', 'board', 'coThinker', 'member', 'chair', 'manager'],
  'conditions (a draft)': ['submitter', 'manager'],
  review: ['submitter', 'agreer', 'board', 'coThinker', 'member', 'chair', 'manager'],
  'review (with the agreer)': ['submitter', 'agreer', 'manager'],
  poll: ['member', 'chair', 'manager'],
  agenda: ['coThinker', 'member', 'chair', 'manager'],
  meetingPack: ['member', 'chair', 'manager'],
  minutes: ['member', 'chair', 'manager'],
  desk: ['manager'],
  meetingRequests: ['manager'],
  plannedItem: ['manager'],
  itemChoices: ['manager'],
  exports: ['manager'],
  statusItems: ['manager', 'representative', 'tehik'],
};

/** Each Queries method and the rule it answers to. */
const METHOD_RULE: Record<string, ReadName> = {
  myProposals: 'myProposals',
  waitingFor: 'waitingFor',
  substitutions: 'substitutions',
  calendar: 'calendar',
  portfolio: 'portfolio',
  myOpinion: 'myOpinion',
  proposal: 'proposal',
  history: 'history',
  conditions: 'conditions',
  review: 'review',
  poll: 'poll',
  agenda: 'agenda',
  desk: 'desk',
  meetingRequests: 'meetingRequests',
  plannedItem: 'plannedItem',
  itemChoices: 'plannedItem',
  statusItems: 'statusItems',
};

const social = ORG.domains.get('social')!;
const DIR: Directory = {
  ...ORG,
  people: new Map([
    ...ORG.people,
    ['kaia', { id: 'kaia', name: 'Kaia Kaasik', email: 'kaia@example.ee', locale: 'et' as const }],
  ]),
  domains: new Map([
    ...ORG.domains,
    ['social', { ...social, coThinkerIds: [...social.coThinkerIds, 'kaia'] } satisfies Domain],
  ]),
};

describe('the read policy covers every read', () => {
  it('has a rule for every Queries method and every download, and this test expects something of each', () => {
    const methods = Object.getOwnPropertyNames(Queries.prototype)
      .filter((m) => m !== 'constructor')
      .sort();
    expect(methods).toEqual(Object.keys(METHOD_RULE).sort());
    const covered = new Set([...Object.values(METHOD_RULE), ...Object.values(FILE_READS)]);
    expect([...covered].sort()).toEqual(Object.keys(READ_RULES).sort());
    for (const read of Object.keys(READ_RULES)) expect(EXPECTED, `no expectation for ${read}`).toHaveProperty(read);
    for (const method of methods) expect(EXPECTED, `no expectation for ${method}`).toHaveProperty(method);
  });
});

describe.each(TEST_TARGETS)('who may read what, on $name', (target) => {
  let db: Database;
  let h: Harness;
  let q: Queries;
  const calls: Record<string, (reader: string) => Promise<unknown>> = {};

  beforeAll(async () => {
    db = await target.open();
    h = new Harness(db);
    h.engine.useDirectory(DIR);
    q = new Queries(db.prisma, () => DIR);
    const now = h.now;
    const proposalId = await h.atBoard('mari');
    const meetingId = await h.scheduled(proposalId);
    await h.ok('pm', 'openRound', { meetingId });
    await h.ok('kaia', 'giveOpinion', { proposalId, recommendation: 'support', argumentation: 'Vajalik.' });
    const { pollId } = await h.ok('olev', 'openPoll', { proposalId });
    const { proposalId: draftId } = await h.ok('mari', 'createDraft', { fields: FULL_FORM });
    const { proposalId: agreementId } = await h.ok('mari', 'createDraft', { fields: FULL_FORM });
    await h.ok('mari', 'submit', { proposalId: agreementId });
    const item = await db.prisma.portfolioItem.create({
      data: {
        title: 'Pensionide liides',
        domainId: 'social',
        institutionId: 'SKA',
        startQuarter: '2027Q1',
        endQuarter: '2027Q4',
        status: 'inProgress',
      },
    });
    const file = (reader: string, input: object) =>
      h.run(reader, 'requestFile', input).then((r) => {
        if (!r.ok) throw new Refusal(r.refusal.key);
        return r.value;
      });
    Object.assign(calls, {
      myProposals: (r: string) => q.myProposals(r),
      waitingFor: (r: string) => q.waitingFor(r),
      substitutions: (r: string) => q.substitutions(r, now),
      calendar: (r: string) => q.calendar(r, now),
      portfolio: (r: string) => q.portfolio(r),
      pictures: (r: string) => file(r, { kind: 'roadmapPng' }),
      myOpinion: (r: string) => q.myOpinion(r, proposalId),
      proposal: (r: string) => q.proposal(r, proposalId),
      'proposal (a draft)': (r: string) => q.proposal(r, draftId),
      'proposal (with the agreer)': (r: string) => q.proposal(r, agreementId),
      history: (r: string) => q.history(r, proposalId),
      conditions: (r: string) => q.conditions(r, proposalId),
      'conditions (a draft)': (r: string) => q.conditions(r, draftId),
      review: (r: string) => q.review(r, proposalId, now),
      'review (with the agreer)': (r: string) => q.review(r, agreementId, now),
      poll: (r: string) => q.poll(r, pollId),
      agenda: (r: string) => q.agenda(r, meetingId),
      meetingPack: (r: string) => file(r, { kind: 'packMd', meetingId }),
      minutes: (r: string) => file(r, { kind: 'minutesDocx', meetingId }),
      desk: (r: string) => q.desk(r, now),
      meetingRequests: (r: string) => q.meetingRequests(r),
      plannedItem: (r: string) => q.plannedItem(r, item.id),
      itemChoices: (r: string) => q.itemChoices(r, 'et', { text: 'pension' }),
      exports: (r: string) => file(r, { kind: 'portfolioXlsx' }),
      statusItems: (r: string) => q.statusItems(r),
    });
  });
  afterAll(async () => {
    await db.close();
  });

  it.each(Object.keys(EXPECTED))('%s: exactly the expected roles may', async (read) => {
    const allowed: Role[] = [];
    for (const role of ALL) {
      try {
        const value = await calls[read]!(ROLES[role]);
        expect(value, `${read} by ${role} answered nothing`).not.toBeNull();
        allowed.push(role);
      } catch (error) {
        if (!(error instanceof Refusal)) throw error;
      }
    }
    expect(allowed).toEqual(EXPECTED[read]);
  });
});
