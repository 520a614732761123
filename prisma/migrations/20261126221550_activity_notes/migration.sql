-- AlterTable
ALTER TABLE "activities" ADD COLUMN     "notes" TEXT;
