// The day the bot under test lives in: a clock that starts on a fixed moment and ticks with the wall
// clock, so a walk through the process sees the same calendar (meetings in the future, deadlines,
// quarters) whatever day the suite runs on, also under faketime.
export const TEST_START = '2026-11-25T10:00:00Z';

export function testClock(start = TEST_START): () => Date {
  const offset = Date.parse(start) - Date.now();
  return () => new Date(Date.now() + offset);
}
