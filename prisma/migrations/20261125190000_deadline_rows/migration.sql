-- AlterTable
ALTER TABLE "Substitution" ADD COLUMN     "cancelledAt" TIMESTAMPTZ(3),
ADD COLUMN     "createdById" TEXT;

-- AlterTable
ALTER TABLE "Deadline" ADD COLUMN     "closedAt" TIMESTAMPTZ(3),
ADD COLUMN     "deadlineAt" TIMESTAMPTZ(3),
ADD COLUMN     "escalateAt" TIMESTAMPTZ(3),
ADD COLUMN     "escalatedAt" TIMESTAMPTZ(3),
ADD COLUMN     "itemId" TEXT,
ADD COLUMN     "key" TEXT,
ADD COLUMN     "remindAt" TIMESTAMPTZ(3),
ADD COLUMN     "remindedAt" TIMESTAMPTZ(3),
ADD COLUMN     "since" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "Substitution_absentId_endsAt_idx" ON "Substitution"("absentId", "endsAt");

-- CreateIndex
CREATE INDEX "Substitution_substituteId_endsAt_idx" ON "Substitution"("substituteId", "endsAt");

-- CreateIndex
CREATE UNIQUE INDEX "Deadline_key_key" ON "Deadline"("key");

-- CreateIndex
CREATE INDEX "Deadline_proposalId_status_idx" ON "Deadline"("proposalId", "status");

-- CreateIndex
CREATE INDEX "Deadline_personId_status_idx" ON "Deadline"("personId", "status");

