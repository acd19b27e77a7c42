// The databases every storage and engine suite runs against: PGlite in memory always, and a fresh
// database on the PostgreSQL server of TEST_DATABASE_URL when it is set (CI sets it).
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/storage/database.ts';

export interface TestTarget { name: 'pglite' | 'postgres'; open(): Promise<Database> }

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function openFreshPostgres(adminUrl: string): Promise<Database> {
  const name = `portfolio_t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const db = await openDatabase({ kind: 'postgres', url: withDatabase(adminUrl, name) });
  return {
    ...db,
    async close() {
      await db.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await a.end();
    },
  };
}

export const TEST_TARGETS: TestTarget[] = [
  { name: 'pglite', open: () => openDatabase({ kind: 'pglite', dir: null }) },
  ...(process.env.TEST_DATABASE_URL
    ? [{ name: 'postgres' as const, open: () => openFreshPostgres(process.env.TEST_DATABASE_URL!) }]
    : []),
];
