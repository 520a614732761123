-- AlterTable
ALTER TABLE "weekly_programs" ADD COLUMN     "training_base_km" DOUBLE PRECISION;
