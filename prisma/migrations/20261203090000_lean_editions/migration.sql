-- Lean editions (issue 16): an edition compares every item with the versions the last edition kept,
-- in one statement (10,000 items take a few tens of milliseconds), so the item revisions that let it
-- compare only the changed ones go, with their triggers, their indexes and the table lock they
-- needed. An item may be deleted again: the next edition closes its version ("taken out"), and
-- every edition keeps the versions it published.
DROP TRIGGER IF EXISTS "PortfolioLink_revise" ON "PortfolioLink";
DROP TRIGGER IF EXISTS "PortfolioItem_revise" ON "PortfolioItem";
DROP TRIGGER IF EXISTS "PortfolioItem_keep" ON "PortfolioItem";
DROP FUNCTION IF EXISTS "PortfolioLink_revise"();
DROP FUNCTION IF EXISTS "PortfolioItem_revise"();
DROP FUNCTION IF EXISTS "PortfolioItem_keep"();
DROP INDEX IF EXISTS "PortfolioItem_removedAt_idx";
DROP INDEX IF EXISTS "EditionItem_current_id_idx";
ALTER TABLE "PortfolioItem" DROP COLUMN IF EXISTS "rev";
ALTER TABLE "Edition" DROP COLUMN IF EXISTS "rev";
