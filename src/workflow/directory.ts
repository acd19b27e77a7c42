// The organisation directory as the engine sees it: who is who and who may act where.
// Loaded from config/organization*.yaml (src/directory/) and never taken from a button payload.

import type { MeetingOffsets, MeetingRule } from './calendar.ts';

export type Locale = 'et' | 'en';
export const LOCALES: readonly Locale[] = ['et', 'en'];
export type DomainId = 'social' | 'health';
export const DOMAIN_IDS: readonly DomainId[] = ['social', 'health'];

export interface Text2 {
  et: string;
  en: string;
}

export interface Person {
  id: string;
  name: string;
  email: string;
  locale: Locale;
  slackUserId?: string | undefined;
  teamsObjectId?: string | undefined;
  institutionId?: string | undefined;
}

export interface Institution {
  id: string;
  name: Text2;
  /** e.g. "SKA arenduste juhtrühm", "TerK arenduskomisjon" */
  boardName: Text2;
  boardMemberIds: string[];
  /** institution representatives: defend proposals at the committee, report status of portfolio items */
  representativeIds: string[];
}

export interface Domain {
  id: DomainId;
  name: Text2;
  committeeName: Text2;
  chairId: string;
  committeeMemberIds: string[];
  coThinkerIds: string[];
}

export interface Service {
  id: string;
  name: Text2;
  institutionId: string;
  domainId: DomainId;
  serviceManagerId?: string | undefined;
  policyManagerId?: string | undefined;
}

export interface Directory {
  people: ReadonlyMap<string, Person>;
  institutions: ReadonlyMap<string, Institution>;
  domains: ReadonlyMap<DomainId, Domain>;
  services: ReadonlyMap<string, Service>;
  portfolioManagerIds: readonly string[];
  tehikRepresentativeIds: readonly string[];
  /** the committee calendar; the defaults of src/workflow/calendar.ts when absent */
  calendar?: { meetingRule: MeetingRule; offsets: MeetingOffsets } | undefined;
}

export function isBoardMember(dir: Directory, personId: string, institutionId: string): boolean {
  return dir.institutions.get(institutionId)?.boardMemberIds.includes(personId) ?? false;
}

export function isCommitteeMember(dir: Directory, personId: string, domainId: DomainId): boolean {
  const d = dir.domains.get(domainId);
  return !!d && (d.committeeMemberIds.includes(personId) || d.chairId === personId);
}

export function isCommitteeChair(dir: Directory, personId: string, domainId: DomainId): boolean {
  return dir.domains.get(domainId)?.chairId === personId;
}

export function isCoThinker(dir: Directory, personId: string, domainId: DomainId): boolean {
  return dir.domains.get(domainId)?.coThinkerIds.includes(personId) ?? false;
}

export function isPortfolioManager(dir: Directory, personId: string): boolean {
  return dir.portfolioManagerIds.includes(personId);
}

export function isTehikRepresentative(dir: Directory, personId: string): boolean {
  return dir.tehikRepresentativeIds.includes(personId);
}

export function isRepresentative(dir: Directory, personId: string, institutionId: string): boolean {
  return dir.institutions.get(institutionId)?.representativeIds.includes(personId) ?? false;
}

/** Committee members who vote: the chair and the members, each once. */
export function voters(dir: Directory, domainId: DomainId): string[] {
  const d = dir.domains.get(domainId);
  if (!d) return [];
  return [...new Set([d.chairId, ...d.committeeMemberIds])];
}

/**
 * Who agrees (kooskõlastab) a proposal for a service: its service manager, or when it has none,
 * its policy manager (PROCESS.md stage 1 step 2).
 */
export function agreerFor(service: Service): { personId: string; role: 'serviceManager' | 'policyManager' } | null {
  if (service.serviceManagerId) return { personId: service.serviceManagerId, role: 'serviceManager' };
  if (service.policyManagerId) return { personId: service.policyManagerId, role: 'policyManager' };
  return null;
}
