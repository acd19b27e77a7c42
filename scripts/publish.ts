// `npm run portfolio:publish`: records a new edition of the portfolio (the audit names the actor
// "cli") and writes the static site to PUBLISH_DIR. `npm run portfolio:publish -- --site-only`
// writes the site again from the editions already recorded.
import { loadDotenv } from '../src/config/dotenv.ts';
import { loadConfig } from '../src/config/env.ts';
import { loadDirectory } from '../src/directory/load.ts';
import { createEdition } from '../src/engine/commands/publication.ts';
import { commitUnit } from '../src/engine/engine.ts';
import { Unit } from '../src/engine/unit.ts';
import { Publication } from '../src/publish/publish.ts';
import { openDatabase } from '../src/storage/database.ts';

loadDotenv();
const config = loadConfig();
const dir = await loadDirectory(config.organizationFile, { defaultLocale: config.defaultLocale });
const db = await openDatabase(config.database);
try {
  if (!process.argv.includes('--site-only')) {
    const { number } = await db.prisma.$transaction(
      async (tx) => {
        const u = new Unit(tx, dir, 'cli', new Date(), 'system', 'publishEdition');
        const edition = await createEdition(u);
        await commitUnit(u, config.auditKey);
        return edition;
      },
      { timeout: 600_000, maxWait: 60_000 },
    );
    console.log(`Edition ${number} recorded.`);
  }
  const files = await new Publication(db.sql, config.publishDir).write();
  console.log(`Wrote ${files.length} files to ${config.publishDir} (open ${config.publishDir}/index.html).`);
} finally {
  await db.close();
}
