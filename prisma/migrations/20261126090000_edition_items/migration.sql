-- An edition's items become rows (EditionItem), copied by INSERT … SELECT when an edition is
-- recorded, instead of one JSON document written from the application (issue 6: publishing 10,000
-- items). Editions recorded before keep their items: they carried names, not ids, so their rows use
-- the Estonian name and a digest of the whole name ({et, en}) as the id — two different names never
-- share one, and pages still sort by name — and the edition's "names" map gives the names back.

-- CreateTable
CREATE TABLE "EditionItem" (
    "edition" INTEGER NOT NULL,
    "id" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "domainId" TEXT NOT NULL,
    "institutionId" TEXT NOT NULL,
    "serviceId" TEXT,
    "startQuarter" TEXT NOT NULL,
    "endQuarter" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "progress" INTEGER NOT NULL,
    "moneyPerYear" JSONB NOT NULL,
    "fundingSource" TEXT,
    "people" DECIMAL(6,1),
    "tehikTeam" TEXT,
    "linkedIds" TEXT[],

    CONSTRAINT "EditionItem_pkey" PRIMARY KEY ("edition","id")
);

ALTER TABLE "Edition" ADD COLUMN "names" JSONB NOT NULL DEFAULT '{}';

INSERT INTO "EditionItem"
SELECT e.number, x->>'id', x->>'title',
       (x->'domain'->>'et') || ' #' || md5((x->'domain')::text), (x->'institution'->>'et') || ' #' || md5((x->'institution')::text),
       CASE WHEN jsonb_typeof(x->'service') = 'object' THEN (x->'service'->>'et') || ' #' || md5((x->'service')::text) END,
       x->>'startQuarter', x->>'endQuarter', x->>'status', COALESCE((x->>'progress')::int, 0),
       CASE WHEN jsonb_typeof(x->'moneyPerYear') = 'object' THEN x->'moneyPerYear' ELSE '{}' END,
       x->>'fundingSource', (x->>'people')::numeric, x->>'tehikTeam',
       CASE WHEN jsonb_typeof(x->'linkedIds') = 'array' THEN ARRAY(SELECT jsonb_array_elements_text(x->'linkedIds')) ELSE ARRAY[]::text[] END
FROM "Edition" e, jsonb_array_elements(e.items::jsonb) x;

UPDATE "Edition" e SET names = jsonb_build_object(
  'domains', (SELECT COALESCE(jsonb_object_agg(k, v), '{}') FROM (SELECT DISTINCT (x->'domain'->>'et') || ' #' || md5((x->'domain')::text) AS k, x->'domain' AS v FROM jsonb_array_elements(e.items::jsonb) x) s),
  'institutions', (SELECT COALESCE(jsonb_object_agg(k, v), '{}') FROM (SELECT DISTINCT (x->'institution'->>'et') || ' #' || md5((x->'institution')::text) AS k, x->'institution' AS v FROM jsonb_array_elements(e.items::jsonb) x) s),
  'services', (SELECT COALESCE(jsonb_object_agg(k, v), '{}') FROM (SELECT DISTINCT (x->'service'->>'et') || ' #' || md5((x->'service')::text) AS k, x->'service' AS v FROM jsonb_array_elements(e.items::jsonb) x WHERE jsonb_typeof(x->'service') = 'object') s));

ALTER TABLE "Edition" ALTER COLUMN "names" DROP DEFAULT;
ALTER TABLE "Edition" DROP COLUMN "items";
