// Where the bot can reach a person or a channel later (proactive messages), per platform. Stored
// whenever the person or channel talks to the bot or installs it.
import type { PrismaClient } from './generated/client.ts';

export type RefKey = `person:${string}` | `channel:${string}`;

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
