// A proposal (arendusalgatus) as the pure workflow sees it, independent of storage.
import type { DomainId } from './directory.ts';
import type { Stage } from './stages.ts';

export const STRATEGIC_GOALS = ['HEA', 'RTA', 'DIGI2030', 'POLITICAL'] as const;
export type StrategicGoal = (typeof STRATEGIC_GOALS)[number];

/** The fields of the proposal form (arendusalgatuse esitamise vorm), PROCESS.md stage 1. */
export interface ProposalFields {
  title: string | null;
  serviceId: string | null;
  currentSituation: string | null;
  problem: string | null;
  expectedResult: string | null;
  impact: string | null;
  alternatives: string | null;
  budgetEur: number | null;
  fundingSource: string | null;
  legislationNeed: string | null;
  stakeholders: string | null;
  strategicGoals: StrategicGoal[];
  strategicGoalNote: string | null;
}

export const FORM_FIELDS = [
  'title',
  'serviceId',
  'currentSituation',
  'problem',
  'expectedResult',
  'impact',
  'alternatives',
  'budgetEur',
  'fundingSource',
  'legislationNeed',
  'stakeholders',
  'strategicGoals',
  'strategicGoalNote',
] as const satisfies readonly (keyof ProposalFields)[];

export interface ProposalState extends ProposalFields {
  id: string;
  number: number;
  status: Stage;
  submitterId: string;
  /** derived from the service when the form names one */
  domainId: DomainId | null;
  institutionId: string | null;
  revision: number;
  priority: number | null;
  version: number;
}

export function emptyFields(): ProposalFields {
  return {
    title: null,
    serviceId: null,
    currentSituation: null,
    problem: null,
    expectedResult: null,
    impact: null,
    alternatives: null,
    budgetEur: null,
    fundingSource: null,
    legislationNeed: null,
    stakeholders: null,
    strategicGoals: [],
    strategicGoalNote: null,
  };
}

export function pickFields(p: ProposalFields): ProposalFields {
  const out = emptyFields() as unknown as Record<string, unknown>;
  for (const f of FORM_FIELDS) out[f] = (p as unknown as Record<string, unknown>)[f];
  return out as unknown as ProposalFields;
}
