// What the outbox's messages need to be worded when they are delivered: read by the system (the
// dispatchers deliver what the engine decided to send), so the platform folders and the neutral
// notices never reach storage themselves.
import type { PrismaClient } from '../storage/generated/client.ts';
import { versionsDiff, type EditionDiff } from '../workflow/publication.ts';

export type ChangeCounts = Record<'added' | 'finished' | 'moved' | 'rebudgeted', number>;

export class NoticeData {
  constructor(private readonly db: PrismaClient) {}

  proposal(id: string) {
    return this.db.proposal.findUnique({ where: { id } });
  }

  substitution(id: string) {
    return this.db.substitution.findUnique({ where: { id } });
  }

  meeting(id: string) {
    return this.db.meeting.findUnique({ where: { id } });
  }

  meetingRequest(id: string) {
    return this.db.meetingRequest.findUnique({ where: { id } });
  }

  statusUpdate(id: string) {
    return this.db.statusUpdate.findUnique({ where: { id }, include: { item: true } });
  }

  coThinkerRound(id: string) {
    return this.db.coThinkerRound.findUnique({ where: { id } });
  }

  /** The portfolio items a status request asks about, still in the portfolio, by title. */
  portfolioItems(ids: readonly string[]) {
    return this.db.portfolioItem.findMany({
      where: { id: { in: [...ids] }, removedAt: null },
      orderBy: { title: 'asc' },
    });
  }

  /** The conditions of a proposal (of one poll's JAH, KUI when given), in order. */
  async conditions(proposalId: string, pollId?: string) {
    const rows = await this.db.condition.findMany({
      where: { proposalId, ...(pollId ? { pollId } : {}) },
      orderBy: [{ pollId: 'asc' }, { position: 'asc' }],
    });
    return rows.map((c) => ({ id: c.id, text: c.text, met: c.metAt != null }));
  }

  /** An edition and how much changed in it: as recorded, else from the versions it added and closed. */
  async edition(id: string): Promise<{ number: number; itemCount: number; counts: ChangeCounts } | null> {
    const e = await this.db.edition.findUnique({ where: { id } });
    if (!e) return null;
    return { number: e.number, itemCount: e.itemCount, counts: await this.editionCounts(e) };
  }

  private async editionCounts(e: { number: number; itemCount: number; diff: unknown }): Promise<ChangeCounts> {
    const counts = (d: EditionDiff): ChangeCounts => ({
      added: d.added.length,
      finished: d.finished.length,
      moved: d.moved.length,
      rebudgeted: d.rebudgeted.length,
    });
    if (e.diff != null) return counts(e.diff as EditionDiff);
    if ((await this.db.edition.count({ where: { number: { lt: e.number } } })) === 0)
      return { added: e.itemCount, finished: 0, moved: 0, rebudgeted: 0 }; // the first: all new
    const select = {
      id: true,
      title: true,
      status: true,
      startQuarter: true,
      endQuarter: true,
      moneyPerYear: true,
      domainId: true,
    } as const;
    const [added, closed] = await Promise.all([
      this.db.editionItem.findMany({ where: { fromEdition: e.number }, select }),
      this.db.editionItem.findMany({ where: { toEdition: e.number }, select }),
    ]);
    return counts(versionsDiff(true, added, closed));
  }
}
