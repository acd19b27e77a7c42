// One vote's database work does not grow with the committee: the statements a first vote and a
// changed vote run are counted with a committee of 5 and of 200, and they are the same. Opening the
// poll writes the 200 members' reminder rows in one statement, not one per member.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../src/storage/database.ts';
import type { Directory, Domain, Person } from '../src/workflow/directory.ts';
import { TEST_TARGETS } from './support/databases.ts';
import { Harness } from './support/harness.ts';
import { ORG } from './support/org.ts';

/** ORG with the social committee made of `size` members (m1 … mN). */
function withCommittee(size: number): Directory {
  const people = new Map(ORG.people);
  const ids = Array.from({ length: size }, (_, i) => `m${i + 1}`);
  for (const id of ids) people.set(id, { id, name: `Liige ${id}`, email: `${id}@example.ee`, locale: 'et' } as Person);
  const social = { ...ORG.domains.get('social')!, committeeMemberIds: ids } as Domain;
  const domains = new Map(ORG.domains);
  domains.set('social', social);
  return { ...ORG, people, domains };
}

interface Measured {
  openPoll: number;
  firstVote: number;
  changedVote: number;
  voteRows: number;
}

describe.each(TEST_TARGETS)('the cost of a vote on $name', (target) => {
  const dbs: Database[] = [];
  afterAll(async () => {
    for (const db of dbs) await db.close();
  });

  async function measure(size: number): Promise<Measured> {
    let count = 0;
    const db = await target.open({ onQuery: () => (count += 1) });
    dbs.push(db);
    const h = new Harness(db);
    h.engine.useDirectory(withCommittee(size));
    const proposalId = await h.atBoard();
    await h.scheduled(proposalId);
    const counted = async (f: () => Promise<unknown>) => {
      count = 0;
      await f();
      return count;
    };
    let pollId = '';
    const openPoll = await counted(async () => {
      pollId = (await h.ok('pm', 'openPoll', { proposalId })).pollId;
    });
    const firstVote = await counted(() =>
      h.engine.run({ command: 'vote', actorId: 'm3', input: { pollId, choice: 'YES' }, deliveryKey: 'click-1' }),
    );
    const changedVote = await counted(() =>
      h.engine.run({ command: 'vote', actorId: 'm3', input: { pollId, choice: 'NO' }, deliveryKey: 'click-2' }),
    );
    const open = await db.prisma.deadline.count({ where: { kind: 'vote', status: 'open' } });
    expect(await db.prisma.vote.count({ where: { pollId } })).toBe(1);
    // The voter's own reminder row is closed; the others' stay open (the chair's too).
    expect((await db.prisma.deadline.findUniqueOrThrow({ where: { key: `vote:${pollId}:m3` } })).status).toBe('done');
    return { openPoll, firstVote, changedVote, voteRows: open };
  }

  let small: Measured;
  let large: Measured;
  beforeAll(async () => {
    small = await measure(5);
    large = await measure(200);
  }, 120_000);

  it('a first vote and a changed vote run as many statements with 200 members as with 5', () => {
    expect(small.firstVote).toBeGreaterThan(0);
    expect(large.firstVote).toBe(small.firstVote);
    expect(large.changedVote).toBe(small.changedVote);
  });

  it('opening the poll writes every member a reminder row in as many statements with 200 members as with 5', () => {
    // The chair and the members, less the one who voted.
    expect(small.voteRows).toBe(5 + 1 - 1);
    expect(large.voteRows).toBe(200 + 1 - 1);
    expect(large.openPoll).toBe(small.openPoll);
  });
});
