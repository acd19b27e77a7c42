// What the Teams endpoint takes before the Teams SDK sees it: at most 1 MB of JSON that is a Bot
// Framework activity (its type, who sent it, the conversation), every string in it cleaned as all
// text is (src/workflow/text.ts). Anything else gets 400 or 413 and a reason, never a 500.
import type http from 'node:http';
import { z } from 'zod';
import { cleanJsonInPlace } from '../../workflow/text.ts';

export const MAX_BODY_BYTES = 1_000_000;
/** Past this a sender is not worth listening to: the connection is dropped. */
const DRAIN_LIMIT_BYTES = 16 * MAX_BODY_BYTES;

export type ReadActivity =
  { ok: true; activity: Record<string, unknown> } | { ok: false; status: 400 | 413; error: string; reason: string };

const activitySchema = z.looseObject({
  type: z.string().min(1),
  from: z.looseObject({ id: z.string().min(1) }),
  conversation: z.looseObject({ id: z.string().min(1) }),
});

const NOT_AN_ACTIVITY = 'The body must be a Bot Framework activity in JSON (with type, from.id and conversation.id).';

/** The request's body, or that it is over the limit (read to its end, so the answer is not a reset connection). */
function readBody(req: http.IncomingMessage): Promise<{ text: string } | { tooLarge: number }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    req.on('data', (c: Buffer) => {
      bytes += c.length;
      if (bytes > DRAIN_LIMIT_BYTES) {
        resolve({ tooLarge: bytes });
        req.destroy();
        return;
      }
      if (bytes <= MAX_BODY_BYTES) chunks.push(c);
    });
    req.on('end', () =>
      resolve(bytes > MAX_BODY_BYTES ? { tooLarge: bytes } : { text: Buffer.concat(chunks).toString('utf8') }),
    );
    req.on('error', reject);
  });
}

export async function readActivity(req: http.IncomingMessage): Promise<ReadActivity> {
  const read = await readBody(req);
  if ('tooLarge' in read) {
    return {
      ok: false,
      status: 413,
      error: `The body is over 1 MB (${MAX_BODY_BYTES} bytes); a Bot Framework activity is far smaller.`,
      reason: `body of ${read.tooLarge} bytes`,
    };
  }
  let body: unknown;
  try {
    body = JSON.parse(read.text);
  } catch {
    return { ok: false, status: 400, error: NOT_AN_ACTIVITY, reason: 'the body is not JSON' };
  }
  const parsed = activitySchema.safeParse(body);
  if (!parsed.success) {
    const where = parsed.error.issues.map((i) => i.path.join('.') || 'body').join(', ');
    return { ok: false, status: 400, error: NOT_AN_ACTIVITY, reason: `not an activity (${where})` };
  }
  return { ok: true, activity: cleanJsonInPlace(body as Record<string, unknown>) };
}
