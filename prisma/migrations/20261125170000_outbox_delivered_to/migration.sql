-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "deliveredTo" TEXT[] DEFAULT ARRAY[]::TEXT[];

