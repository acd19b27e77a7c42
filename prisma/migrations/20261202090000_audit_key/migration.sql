-- The keyed audit chain (AUDIT_KEY, HMAC-SHA256; src/workflow/audit-chain.ts). Events written
-- before this migration were hashed without a key; they stay as they are and are verified as they
-- were written. "keyedFrom" records where the keyed chain begins: the next event after the last one
-- written so far (1 on a new database, whose chain is keyed from its first event). Every event the
-- bot writes from now on is keyed, and the first one links to the last unkeyed hash, so an unkeyed
-- event rewritten later breaks the chain there.
-- AlterTable
ALTER TABLE "AuditHead" ADD COLUMN     "keyedFrom" INTEGER NOT NULL DEFAULT 1;
UPDATE "AuditHead" SET "keyedFrom" = "lastSeq" + 1;

-- The audit chain head at the moment an edition is recorded, printed on its pages and in its
-- portfolio.json (null for editions recorded before).
-- AlterTable
ALTER TABLE "Edition" ADD COLUMN     "auditHash" TEXT,
ADD COLUMN     "auditSeq" INTEGER;
