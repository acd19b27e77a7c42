// Two read-only routes: /files/<token>/<name> gives the file a download link stands for (made now,
// while the link lasts), and /portfell/… serves the published site from PUBLISH_DIR.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream';
import path from 'node:path';
import type { PrismaClient } from '../storage/generated/client.ts';
import { fileRequestSchema, type FileRequest } from '../workflow/transitions/files.ts';
import type { ProducedFile } from '../files/files.ts';
import type { Route } from './server.ts';
import { Refusal } from '../workflow/refusal.ts';
import { t } from '../i18n/catalogue.ts';

const page = (status: number, et: string, en: string) => (res: Parameters<Route>[1]) => {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(
    `<!doctype html><html lang="et"><meta charset="utf-8"><title>${status}</title><p>${et}</p><p lang="en">${en}</p></html>`,
  );
};
const expired = page(
  404,
  'See link on aegunud või vale. Küsi botilt uus.',
  'This link has expired or is wrong. Ask the bot for a new one.',
);

export function filesRoute(o: {
  db: PrismaClient;
  now: () => Date;
  produce: (personId: string, req: FileRequest) => Promise<ProducedFile | null>;
}): Route {
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const m = /^\/files\/([A-Za-z0-9_-]{20,64})\/[^/]+$/.exec(url.pathname);
    if (!m || req.method !== 'GET') return false;
    const link = await o.db.fileLink.findUnique({ where: { token: m[1]! } });
    if (!link || link.expiresAt <= o.now()) {
      expired(res);
      return true;
    }
    const parsed = fileRequestSchema.safeParse(link.params);
    let file: ProducedFile | null;
    try {
      file = parsed.success ? await o.produce(link.personId, parsed.data) : null;
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      page(403, t('et', error.key, error.params), t('en', error.key, error.params))(res);
      return true;
    }
    if (!file) {
      expired(res);
      return true;
    }
    res.writeHead(200, {
      'content-type': file.contentType,
      'content-disposition': `${file.contentType.startsWith('image/') ? 'inline' : 'attachment'}; filename="${file.filename}"`,
      'cache-control': 'private, no-store',
      'x-content-type-options': 'nosniff',
    });
    res.end(file.body);
    return true;
  };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.csv': 'text/csv; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/** The published site, read-only, under /portfell/. */
export function publicationRoute(publishDir: string): Route {
  const root = path.resolve(publishDir);
  return async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (req.method !== 'GET' || (url.pathname !== '/portfell' && !url.pathname.startsWith('/portfell/'))) return false;
    // Without the slash the pages' relative links would point outside the site.
    if (url.pathname === '/portfell') {
      res.writeHead(301, { location: '/portfell/' }).end();
      return true;
    }
    let rel: string;
    try {
      rel = decodeURIComponent(url.pathname.slice('/portfell'.length));
    } catch {
      rel = '/\0';
    }
    if (rel.endsWith('/')) rel += 'index.html';
    const file = path.resolve(root, `.${rel}`);
    const type = TYPES[path.extname(file)];
    const ok =
      file.startsWith(root + path.sep) &&
      type &&
      (await stat(file).then(
        (s) => s.isFile(),
        () => false,
      ));
    if (!ok) {
      page(
        404,
        'Portfelli väljaannet pole veel avaldatud või seda faili pole.',
        'The portfolio has not been published yet, or there is no such file.',
      )(res);
      return true;
    }
    res.writeHead(200, { 'content-type': type, 'x-content-type-options': 'nosniff' });
    // A file replaced while it is read (a new edition being written) ends the response, not the process.
    pipeline(createReadStream(file), res, (error) => {
      if (error) res.destroy();
    });
    return true;
  };
}
