-- Item revisions (issue 6: publishing 10,000 items): the database numbers every change of a
-- portfolio item, and of its links, from one sequence, so that an edition compares only the items
-- changed since the edition before instead of all of them. An edition records the highest revision
-- it compared; editions recorded before this migration have none, so the next one compares every
-- item. Items are never deleted (they are taken out: "removedAt"), and the database holds to that.

CREATE SEQUENCE "PortfolioItem_rev_seq" AS BIGINT;
-- Existing rows get their revisions here (a volatile default is evaluated for each row).
ALTER TABLE "PortfolioItem" ADD COLUMN "rev" BIGINT NOT NULL DEFAULT nextval('"PortfolioItem_rev_seq"');
ALTER SEQUENCE "PortfolioItem_rev_seq" OWNED BY "PortfolioItem"."rev";
CREATE INDEX "PortfolioItem_rev_idx" ON "PortfolioItem"("rev");

ALTER TABLE "Edition" ADD COLUMN "rev" BIGINT;

-- An edition finds the current version of a changed item by its id.
CREATE INDEX "EditionItem_current_id_idx" ON "EditionItem"("id") WHERE "toEdition" IS NULL;

-- Every update of an item, however it is made, takes the next revision.
CREATE FUNCTION "PortfolioItem_revise"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW."rev" := nextval('"PortfolioItem_rev_seq"');
  RETURN NEW;
END
$$;
CREATE TRIGGER "PortfolioItem_revise" BEFORE UPDATE ON "PortfolioItem"
  FOR EACH ROW EXECUTE FUNCTION "PortfolioItem_revise"();

-- A link added, changed or removed is a change of the item it leads from (its linkedIds).
CREATE FUNCTION "PortfolioLink_revise"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    UPDATE "PortfolioItem" SET "rev" = "rev" WHERE id = OLD."fromId"; -- the item's own trigger takes the revision
  END IF;
  IF TG_OP <> 'DELETE' THEN
    UPDATE "PortfolioItem" SET "rev" = "rev" WHERE id = NEW."fromId";
  END IF;
  RETURN NULL;
END
$$;
CREATE TRIGGER "PortfolioLink_revise" AFTER INSERT OR UPDATE OR DELETE ON "PortfolioLink"
  FOR EACH ROW EXECUTE FUNCTION "PortfolioLink_revise"();

-- An item is taken out of the portfolio, never deleted: editions and the audit keep it.
CREATE FUNCTION "PortfolioItem_keep"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'Portfolio item % cannot be deleted: take it out of the portfolio instead (set "removedAt").', OLD.id;
END
$$;
CREATE TRIGGER "PortfolioItem_keep" BEFORE DELETE ON "PortfolioItem"
  FOR EACH ROW EXECUTE FUNCTION "PortfolioItem_keep"();

-- An edition finds the items taken out before the last edition (their versions close).
CREATE INDEX "PortfolioItem_removedAt_idx" ON "PortfolioItem"("removedAt") WHERE "removedAt" IS NOT NULL;
