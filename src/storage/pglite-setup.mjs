// Sets up a new PGlite data folder (PostgreSQL's initdb) and exits, so that the memory initdb used
// is returned to the system with this process. Run by openDatabase (database.ts) as
// `node pglite-setup.mjs <dir> <start parameters as JSON>`; plain JavaScript, so it needs no loader.
import { PGlite } from '@electric-sql/pglite';

const [dir, params] = process.argv.slice(2);
if (!dir) throw new Error('usage: node pglite-setup.mjs <dir> [start parameters as JSON]');
const lite = await PGlite.create(dir, params ? { startParams: JSON.parse(params) } : {});
await lite.close();
