// The databases every storage and engine suite runs against: PGlite in memory always, and a fresh
// database on the PostgreSQL server of TEST_DATABASE_URL when it is set (CI sets it).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database, type OpenOptions } from '../../src/storage/database.ts';

export interface TestTarget {
  name: 'pglite' | 'postgres';
  open(options?: OpenOptions): Promise<Database>;
}

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function admin(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new, empty database on the server of `adminUrl`; `drop()` removes it. */
export async function freshPostgres(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `portfolio_t_${randomBytes(6).toString('hex')}`;
  await admin(adminUrl, `CREATE DATABASE ${name}`);
  return {
    url: withDatabase(adminUrl, name),
    drop: () => admin(adminUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
  };
}

async function openFreshPostgres(adminUrl: string, options: OpenOptions = {}): Promise<Database> {
  const fresh = await freshPostgres(adminUrl);
  const db = await openDatabase({ kind: 'postgres', url: fresh.url }, options);
  return {
    ...db,
    async close() {
      await db.close();
      await fresh.drop();
    },
  };
}

export const TEST_TARGETS: TestTarget[] = [
  { name: 'pglite', open: (options) => openDatabase({ kind: 'pglite', dir: null }, options) },
  ...(process.env.TEST_DATABASE_URL
    ? [
        {
          name: 'postgres' as const,
          open: (options?: OpenOptions) => openFreshPostgres(process.env.TEST_DATABASE_URL!, options),
        },
      ]
    : []),
];
