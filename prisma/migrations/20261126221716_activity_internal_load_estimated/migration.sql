-- AlterTable
ALTER TABLE "activities" ADD COLUMN     "internal_load_estimated" BOOLEAN NOT NULL DEFAULT false;
