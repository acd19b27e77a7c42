-- An edition's items become versions (issue 6: publishing 10,000 items): a row holds an item as the
-- editions fromEdition <= n < toEdition published it, so a new edition writes only what changed
-- since the one before instead of copying every item again. Rows recorded before become versions
-- of one edition each: valid from their edition up to the next edition (the newest: still current).
-- What changed in an edition is read from the versions it added and closed; the diff recorded by
-- earlier editions is kept.

-- AlterTable
ALTER TABLE "EditionItem" RENAME COLUMN "edition" TO "fromEdition";
ALTER TABLE "EditionItem" ADD COLUMN "toEdition" INTEGER;

UPDATE "EditionItem" i SET "toEdition" = (SELECT min(e.number) FROM "Edition" e WHERE e.number > i."fromEdition");

-- CreateIndex
CREATE INDEX "EditionItem_toEdition_idx" ON "EditionItem"("toEdition");

ALTER TABLE "Edition" ALTER COLUMN "diff" DROP NOT NULL;
