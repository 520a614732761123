-- CreateEnum
CREATE TYPE "Weekday" AS ENUM ('Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday');

-- AlterTable
ALTER TABLE "users" ADD COLUMN     "long_run_day" "Weekday",
ADD COLUMN     "training_days" "Weekday"[] DEFAULT ARRAY[]::"Weekday"[];
