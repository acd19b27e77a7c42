// Loads `.env` (if present) into process.env with Node's own parser (process.loadEnvFile, Node >= 20.12).
// Variables already set in the environment win over the file.
import { existsSync } from 'node:fs';

/** Returns true when the file was found and loaded. */
export function loadDotenv(file = '.env'): boolean {
  if (!existsSync(file)) return false;
  const before = { ...process.env };
  process.loadEnvFile(file);
  // Node 20 does not override set variables; make sure of it on every version.
  for (const [name, value] of Object.entries(before)) {
    if (process.env[name] !== value) process.env[name] = value;
  }
  return true;
}
