// Applies Prisma's own migration files (prisma/migrations/*/migration.sql) in-process and records
// them in Prisma's `_prisma_migrations` table with Prisma's checksum, so `prisma migrate status`
// and `prisma migrate deploy` agree with what start-up did. Runs under an advisory lock so that
// several replicas starting at once apply each migration once.
import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { SqlDriver } from './driver.ts';

export const MIGRATIONS_DIR = path.resolve(import.meta.dirname, '../../prisma/migrations');
const LOCK_KEY = 72707369;

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export async function readMigrations(dir = MIGRATIONS_DIR): Promise<MigrationFile[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
}

async function applied(driver: SqlDriver): Promise<AppliedRow[]> {
  await driver.exec(CREATE_TABLE);
  return driver.query<AppliedRow>(
    'SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" ORDER BY started_at',
  );
}

/** Applies pending migrations; returns the names applied. Fails on an edited or failed migration. */
export async function migrate(driver: SqlDriver, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = await readMigrations(dir);
  await driver.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
  try {
    const rows = await applied(driver);
    const done = new Map(rows.filter((r) => r.rolled_back_at == null).map((r) => [r.migration_name, r]));
    const names: string[] = [];
    for (const file of files) {
      const row = done.get(file.name);
      if (row) {
        if (row.finished_at == null) {
          throw new Error(
            `Migration ${file.name} failed earlier and is not finished. Fix the database, then run \`npx prisma migrate resolve\`.`,
          );
        }
        if (row.checksum !== file.checksum) {
          throw new Error(
            `Migration ${file.name} was edited after it was applied. Restore prisma/migrations/${file.name}/migration.sql and add a new migration instead.`,
          );
        }
        continue;
      }
      const id = randomUUID();
      await driver.exec('BEGIN');
      try {
        await driver.exec(file.sql);
        await driver.query(
          'INSERT INTO "_prisma_migrations" (id, checksum, migration_name, finished_at, applied_steps_count) VALUES ($1, $2, $3, now(), 1)',
          [id, file.checksum, file.name],
        );
        await driver.exec('COMMIT');
      } catch (error) {
        await driver.exec('ROLLBACK');
        throw new Error(`Migration ${file.name} failed: ${(error as Error).message}`);
      }
      names.push(file.name);
    }
    return names;
  } finally {
    await driver.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
  }
}

/** Names of migration files not yet applied (for /healthz). */
export async function pendingMigrations(driver: SqlDriver, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = await readMigrations(dir);
  const rows = await driver
    .query<AppliedRow>('SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations"')
    .catch(() => [] as AppliedRow[]);
  const done = new Set(
    rows.filter((r) => r.finished_at != null && r.rolled_back_at == null).map((r) => r.migration_name),
  );
  return files.filter((f) => !done.has(f.name)).map((f) => f.name);
}
