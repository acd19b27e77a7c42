// Driver adapter for the Prisma CLI's JavaScript schema engine (prisma.config.ts).
// PostgreSQL when DATABASE_URL is a postgres URL, otherwise PGlite in PGLITE_DIR (default ./data/pglite).
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';

/**
 * prisma/orm#27403: the JS schema engine cannot read columns of type `name` (OID 19) through
 * adapter-pg. Reporting them as `text` (OID 25) is harmless for the migration queries.
 */
class NameAsTextPool extends pg.Pool {
  override query(...args: unknown[]): never {
    const result = (super.query as (...a: unknown[]) => unknown)(...args);
    if (result && typeof (result as Promise<unknown>).then === 'function') {
      return (result as Promise<pg.QueryResult>).then((res) => {
        for (const field of res?.fields ?? []) if (field.dataTypeID === 19) field.dataTypeID = 25;
        return res;
      }) as never;
    }
    return result as never;
  }
}

export async function migrationAdapter(url: string | undefined) {
  if (url && /^postgres(ql)?:\/\//.test(url)) {
    return new PrismaPg(new NameAsTextPool({ connectionString: url }) as pg.Pool);
  }
  const { PGlite } = await import('@electric-sql/pglite');
  const { PrismaPGlite } = await import('pglite-prisma-adapter');
  const dir = process.env.PGLITE_DIR ?? './data/pglite';
  const { mkdirSync } = await import('node:fs');
  mkdirSync(dir, { recursive: true });
  // Typed against an older driver-adapter-utils; same protocol at run time (see database.ts).
  return new PrismaPGlite(new PGlite(dir)) as unknown as PrismaPg;
}
