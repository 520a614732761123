-- AlterTable
ALTER TABLE "activities" ADD COLUMN     "heart_rate_seconds" JSONB;
