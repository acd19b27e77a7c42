// Which delivery key a card click gets (Teams' Action.Execute), so that the engine runs a new click
// and replays a repeat:
// - the same activity delivered again (the same activity id) keeps the key it got the first time;
// - a click carrying the same data as the person's last click on the same card is a double click
//   and gets that click's key (two activities arriving at once: the engine runs one, replays the other);
// - anything else is a new click with a new key, so YES, NO, YES on one poll card counts the last YES.
// Both are rows of ProcessedDelivery (their own key prefixes), written before the command runs.
import type { PrismaClient } from './generated/client.ts';

export interface CardClick {
  /** the platform's id of this delivery (Teams: activity.id); a re-sent activity has the same one */
  activityId: string | null | undefined;
  personId: string;
  /** the card: its conversation and message id */
  card: string;
  /** a digest of what the click carries (the button's data and the inputs) */
  digest: string;
}

export async function cardClickKey(db: PrismaClient, c: CardClick): Promise<string> {
  const deliveryRow = c.activityId ? `click:activity:${c.card}:${c.activityId}` : null;
  if (deliveryRow) {
    const seen = await db.processedDelivery.findUnique({ where: { key: deliveryRow } });
    const key = (seen?.result as { key?: unknown } | null | undefined)?.key;
    if (typeof key === 'string') return key;
  }
  // One statement: two clicks at once with the same data read and leave the same generation.
  const lastRow = `click:last:${c.personId}:${c.card}`;
  const [row] = await db.$queryRaw<{ gen: number }[]>`
    INSERT INTO "ProcessedDelivery" (key, command, result)
    VALUES (${lastRow}, 'card.click', jsonb_build_object('digest', ${c.digest}::text, 'gen', 0))
    ON CONFLICT (key) DO UPDATE SET result = jsonb_build_object(
      'digest', EXCLUDED.result->>'digest',
      'gen', ("ProcessedDelivery".result->>'gen')::int
        + CASE WHEN "ProcessedDelivery".result->>'digest' = EXCLUDED.result->>'digest' THEN 0 ELSE 1 END)
    RETURNING (result->>'gen')::int AS gen`;
  const gen = Number(row?.gen ?? 0);
  // The first generation keeps the key clicks had before generations were counted.
  const key = gen === 0 ? `${c.card}:${c.digest}` : `${c.card}:${c.digest}:${gen}`;
  if (deliveryRow) {
    await db.$executeRaw`INSERT INTO "ProcessedDelivery" (key, command, result) VALUES (${deliveryRow}, 'card.click', jsonb_build_object('key', ${key}::text)) ON CONFLICT (key) DO NOTHING`;
  }
  return key;
}
