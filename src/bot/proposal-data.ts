import type { PrismaClient } from '../storage/generated/client.ts';
import type { StrategicGoal } from '../workflow/proposal.ts';
import type { ProposalData } from './views.ts';

export async function loadProposal(db: PrismaClient, id: string): Promise<ProposalData | null> {
  const p = await db.proposal.findUnique({ where: { id } });
  return p ? { ...p, strategicGoals: p.strategicGoals as StrategicGoal[] } : null;
}
