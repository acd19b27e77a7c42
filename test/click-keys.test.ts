// The delivery key a card click gets (storage/click-keys.ts), on PGlite and PostgreSQL: the same
// activity again keeps its key; a double click (same data as the last click on that card, also two at
// once) shares it; a new click — YES after NO — gets a new one; people and cards are apart.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cardClickKey } from '../src/storage/click-keys.ts';
import type { Database } from '../src/storage/database.ts';
import { TEST_TARGETS } from './support/databases.ts';

describe.each(TEST_TARGETS)('card click keys on $name', (target) => {
  let db: Database;
  beforeAll(async () => {
    db = await target.open();
  });
  afterAll(async () => {
    await db.close();
  });

  const click = (activityId: string, digest: string, personId = 'eve', card = 'teams:c1:m1') =>
    cardClickKey(db.prisma, { activityId, personId, card, digest });

  it('tells a repeated delivery and a double click from a new click', async () => {
    const yes1 = await click('a1', 'YES');
    expect(await click('a1', 'YES')).toBe(yes1); // the same activity again
    expect(await click('a2', 'YES')).toBe(yes1); // a double click
    const no = await click('a3', 'NO');
    expect(no).not.toBe(yes1);
    const yes2 = await click('a4', 'YES');
    expect(new Set([yes1, no, yes2]).size).toBe(3); // YES, NO, YES: three clicks
    expect(await click('a1', 'YES')).toBe(yes1); // the first activity, late: still the first click
    expect(await click('a5', 'YES', 'olev')).not.toBe(yes2); // another person
    expect(await click('a6', 'YES', 'eve', 'teams:c1:m2')).not.toBe(yes2); // another card
  });

  it('two clicks with the same data at once get one key', async () => {
    await click('b0', 'NO', 'toomas');
    const keys = await Promise.all([click('b1', 'YES', 'toomas'), click('b2', 'YES', 'toomas')]);
    expect(keys[0]).toBe(keys[1]);
  });
});
