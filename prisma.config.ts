// Prisma CLI configuration: the JavaScript schema engine with a driver adapter, so that
// `prisma migrate …` and `prisma generate` never download native engines (see DESIGN.md).
import path from 'node:path';
import { defineConfig } from 'prisma/config';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  async adapter() {
    const { migrationAdapter } = await import('./src/storage/migration-adapter.ts');
    return migrationAdapter(process.env.DATABASE_URL);
  },
});
