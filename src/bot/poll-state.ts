// A committee poll as both platforms show it: read through the engine's queries (`Queries.poll`).
export type { PollState } from '../engine/queries.ts';
