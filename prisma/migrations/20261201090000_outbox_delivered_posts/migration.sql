-- Delivery per post and per recipient (not only per platform): one outbox row may fan out to several
-- people and several posts each; a retry after one of them failed sends only what has not arrived.
-- AlterTable
ALTER TABLE "OutboxMessage" ADD COLUMN     "deliveredPosts" TEXT[] DEFAULT ARRAY[]::TEXT[];
