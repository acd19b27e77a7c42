// Which delivery key a card click gets (Teams' Action.Execute), so that the engine runs a new click
// and replays a repeat:
// - the same activity delivered again (the same activity id) keeps the key it got the first time;
// - a click carrying the same data as the person's last click on the same card is a double click
//   and gets that click's key (two activities arriving at once: the engine runs one, replays the other);
// - anything else is a new click with a new key, so YES, NO, YES on one poll card counts the last YES.
// Both are rows of ProcessedDelivery (their own key prefixes), written before the command runs, in one statement.
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

/**
 * One statement (one round trip, one commit): the activity's key if it was seen; otherwise the
 * person's last click on the card moves on a generation unless it carried the same data, and the
 * activity remembers the key it got. Two clicks at once with the same data leave the same generation.
 */
export async function cardClickKey(db: PrismaClient, c: CardClick): Promise<string> {
  const deliveryRow = c.activityId ? `click:activity:${c.card}:${c.activityId}` : null;
  const lastRow = `click:last:${c.personId}:${c.card}`;
  // The first generation keeps the key clicks had before generations were counted.
  const base = `${c.card}:${c.digest}`;
  const [row] = await db.$queryRaw<{ key: string | null }[]>`
    WITH seen AS (
      SELECT result->>'key' AS key FROM "ProcessedDelivery"
      WHERE key = ${deliveryRow}::text AND result->>'key' IS NOT NULL
    ),
    bump AS (
      INSERT INTO "ProcessedDelivery" (key, command, result)
      SELECT ${lastRow}, 'card.click', jsonb_build_object('digest', ${c.digest}::text, 'gen', 0)
      WHERE NOT EXISTS (SELECT 1 FROM seen)
      ON CONFLICT (key) DO UPDATE SET result = jsonb_build_object(
        'digest', EXCLUDED.result->>'digest',
        'gen', ("ProcessedDelivery".result->>'gen')::int
          + CASE WHEN "ProcessedDelivery".result->>'digest' = EXCLUDED.result->>'digest' THEN 0 ELSE 1 END)
      RETURNING (result->>'gen')::int AS gen
    ),
    made AS (
      SELECT CASE WHEN gen = 0 THEN ${base}::text ELSE ${base}::text || ':' || gen END AS key FROM bump
    ),
    remembered AS (
      INSERT INTO "ProcessedDelivery" (key, command, result)
      SELECT ${deliveryRow}::text, 'card.click', jsonb_build_object('key', made.key) FROM made
      WHERE ${deliveryRow}::text IS NOT NULL
      ON CONFLICT (key) DO NOTHING
    )
    SELECT COALESCE((SELECT key FROM seen), (SELECT key FROM made)) AS key`;
  if (!row?.key) throw new Error(`No delivery key for the click on ${c.card}`);
  return row.key;
}
