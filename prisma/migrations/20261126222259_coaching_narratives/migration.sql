-- AlterTable
ALTER TABLE "ai_autopsies" ADD COLUMN     "narrative" TEXT;

-- AlterTable
ALTER TABLE "daily_recommendations" ADD COLUMN     "narrative" TEXT;
