-- Audit events wait here from their command's commit until the sequencer chains them into
-- "AuditEvent" (src/storage/audit-log.ts). A command no longer locks the one "AuditHead" row: the
-- sequencer does, once for every event committed meanwhile, so commands do not queue behind each
-- other for the chain. "id" keeps the order of a command's own events.
-- CreateTable
CREATE TABLE "AuditPending" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "actorId" TEXT NOT NULL,
    "onBehalfOf" TEXT,
    "platform" TEXT NOT NULL,
    "command" TEXT NOT NULL,
    "entityType" TEXT NOT NULL,
    "entityId" TEXT NOT NULL,
    "before" JSONB,
    "after" JSONB,

    CONSTRAINT "AuditPending_pkey" PRIMARY KEY ("id")
);
