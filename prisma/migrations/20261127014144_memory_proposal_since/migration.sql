-- AlterTable
ALTER TABLE "memory_proposals" ADD COLUMN     "since" DATE;
