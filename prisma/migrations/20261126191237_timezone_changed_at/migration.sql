-- AlterTable
ALTER TABLE "users" ADD COLUMN     "timezone_changed_at" TIMESTAMPTZ(3);
