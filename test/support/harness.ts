// Drives the engine as the platforms will: commands by name, on a real database, with a clock
// the test moves. Returns values or throws on refusals so a walk reads like the process.
import { Engine, type CommandOutcome } from '../../src/engine/engine.ts';
import type { CommandName, CommandResult } from '../../src/engine/commands/index.ts';
import type { Database } from '../../src/storage/database.ts';
import { ORG, FULL_FORM } from './org.ts';

export class Harness {
  readonly engine: Engine;
  now = new Date('2026-11-25T10:00:00Z');

  constructor(readonly db: Database) {
    this.engine = new Engine(db.prisma, ORG, () => this.now);
  }

  run<C extends CommandName>(
    actorId: string,
    command: C,
    input: unknown = {},
    deliveryKey?: string,
  ): Promise<CommandOutcome<C>> {
    return this.engine.run({ command, actorId, input, platform: 'test', ...(deliveryKey ? { deliveryKey } : {}) });
  }

  /** Runs a command that must succeed. */
  async ok<C extends CommandName>(actorId: string, command: C, input: unknown = {}): Promise<CommandResult<C>> {
    const r = await this.run(actorId, command, input);
    if (!r.ok)
      throw new Error(
        `${command} by ${actorId} refused: ${r.refusal.key} ${JSON.stringify(r.refusal.params)} ${JSON.stringify(r.refusal.fieldErrors)}`,
      );
    return r.value;
  }

  /** Runs a command that must be refused; returns the refusal's message key. */
  async refused<C extends CommandName>(actorId: string, command: C, input: unknown = {}): Promise<string> {
    const r = await this.run(actorId, command, input);
    if (r.ok) throw new Error(`${command} by ${actorId} was expected to be refused`);
    return r.refusal.key;
  }

  status(proposalId: string) {
    return this.db.prisma.proposal.findUniqueOrThrow({ where: { id: proposalId } }).then((p) => p.status);
  }

  /** A submitted proposal (by `submitter`, on `serviceId`), agreed and at the board. */
  async atBoard(submitter = 'mari', serviceId = 'pension') {
    const { proposalId } = await this.ok(submitter, 'createDraft', { fields: { ...FULL_FORM, serviceId } });
    await this.ok(submitter, 'submit', { proposalId });
    const p = await this.db.prisma.proposal.findUniqueOrThrow({ where: { id: proposalId } });
    if (p.status === 'agreement') {
      const agreer = ORG.services.get(serviceId)!.serviceManagerId ?? ORG.services.get(serviceId)!.policyManagerId!;
      await this.ok(agreer, 'agree', { proposalId });
    }
    return proposalId;
  }

  /** Board sends it on; the portfolio manager puts it on a new meeting 30 days ahead. */
  async scheduled(proposalId: string, boardMember = 'liis') {
    await this.ok(boardMember, 'assess', {
      proposalId,
      expectedResult: 'strong',
      impact: 'strong',
      priorityFit: 'adequate',
      alternatives: 'adequate',
    });
    await this.ok(boardMember, 'boardDecide', { proposalId, decision: 'send', priority: 2 });
    const p = await this.db.prisma.proposal.findUniqueOrThrow({ where: { id: proposalId } });
    const { meetingId } = await this.ok('pm', 'createMeeting', {
      domainId: p.domainId,
      startsAt: new Date(this.now.getTime() + 30 * 86400_000).toISOString(),
    });
    await this.ok('pm', 'schedule', { proposalId, meetingId });
    return meetingId;
  }
}
