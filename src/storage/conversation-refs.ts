// Where the bot can reach a person or a channel later (proactive messages), per platform. Stored
// whenever the person or channel talks to the bot or installs it.
import type { PrismaClient } from './generated/client.ts';

/** person:<id>, channel:<function>:<scope> (board, committee, coThinkers), card:<kind>:<id> (a sent card to update). */
export type RefKey = `person:${string}` | `channel:${string}` | `card:${string}`;

export async function saveReference(db: PrismaClient, platform: string, key: RefKey, reference: object): Promise<void> {
  await db.conversationReference.upsert({
    where: { platform_key: { platform, key } },
    create: { platform, key, reference },
    update: { reference },
  });
}

export async function findReference<T>(db: PrismaClient, platform: string, key: RefKey): Promise<T | null> {
  const row = await db.conversationReference.findUnique({ where: { platform_key: { platform, key } } });
  return (row?.reference as T | undefined) ?? null;
}

/** The key under which a card was stored whose message id is `activityId` (thread replies find their post). */
export async function findCardByActivity(
  db: PrismaClient,
  platform: string,
  prefix: string,
  activityId: string,
): Promise<string | null> {
  const rows = await db.conversationReference.findMany({
    where: { platform, key: { startsWith: prefix }, reference: { path: ['activityId'], equals: activityId } },
  });
  return rows[0]?.key ?? null;
}
