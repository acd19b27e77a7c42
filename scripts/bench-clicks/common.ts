// Shared by scripts/bench-clicks.ts and its children: the generated organisation file, the members it
// adds to the social committee, and what the bot child reports about its polls.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, stringify } from 'yaml';

export const SIGNING_SECRET = '0123456789abcdef0123456789abcdef';
export const SLACK_TEAM = 'TBENCH';
export const SLACK_CHANNEL = 'CBENCHCOMMITTEE';
export const TEAMS_CHANNEL = '19:bench-committee-social@thread.tacv2';

export type Choice = 'YES' | 'NO';

export interface Member {
  id: string;
  name: string;
  slackUserId: string;
  teamsObjectId: string;
}

/** One open poll as the committee's channels show it: the buttons a click sends back. */
export interface PollInfo {
  pollId: string;
  slack: {
    channel: string;
    ts: string;
    blocks: unknown[];
    buttons: Record<Choice, { action_id: string; value: string }>;
  };
  teams: { conversationId: string; cardId: string; data: Record<Choice, Record<string, unknown>> };
}

export interface BotReady {
  url: string;
  serviceUrl: string;
  polls: PollInfo[];
}

export interface CheckResult {
  rows: number;
  wrong: string[];
  missing: string[];
  extra: string[];
  tally: Record<string, number>;
  shown: { slack: boolean; teams: boolean };
  audit: unknown;
  outboxErrors: string[];
}

export const members = (n: number): Member[] =>
  Array.from({ length: n }, (_, i) => {
    const k = String(i + 1).padStart(3, '0');
    return {
      id: `bench.m${k}`,
      name: `Pingi Liige ${k}`,
      slackUserId: `UBENCH${k}`,
      teamsObjectId: `b0000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
    };
  });

/** The example organisation plus n generated members of the social committee; returns the file's path. */
export function writeOrganisation(dir: string, n: number): string {
  const org = parse(readFileSync('config/organization.example.yaml', 'utf8')) as {
    people: Record<string, unknown>[];
    domains: { id: string; committeeMembers: string[] }[];
  };
  for (const m of members(n))
    org.people.push({
      id: m.id,
      name: m.name,
      email: `${m.id}@bench.example.ee`,
      locale: 'et',
      slackUserId: m.slackUserId,
      teamsObjectId: m.teamsObjectId,
    });
  org.domains.find((d) => d.id === 'social')!.committeeMembers.push(...members(n).map((m) => m.id));
  const file = path.join(dir, `organization-${n}.yaml`);
  writeFileSync(file, stringify(org));
  return file;
}
