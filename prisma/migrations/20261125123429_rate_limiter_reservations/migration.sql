-- CreateEnum
CREATE TYPE "ChatReservationStatus" AS ENUM ('pending', 'settled');

-- AlterTable
ALTER TABLE "chat_usage" ADD COLUMN     "reserved_input_tokens" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "reserved_output_tokens" INTEGER NOT NULL DEFAULT 0;

-- CreateTable
CREATE TABLE "chat_reservations" (
    "user_id" INTEGER NOT NULL,
    "request_id" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "reserved_input_tokens" INTEGER NOT NULL,
    "reserved_output_tokens" INTEGER NOT NULL,
    "status" "ChatReservationStatus" NOT NULL DEFAULT 'pending',
    "input_tokens" INTEGER,
    "output_tokens" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "settled_at" TIMESTAMPTZ(3),

    CONSTRAINT "chat_reservations_pkey" PRIMARY KEY ("user_id","request_id")
);

-- CreateIndex
CREATE INDEX "chat_reservations_status_created_at_idx" ON "chat_reservations"("status", "created_at");

-- AddForeignKey
ALTER TABLE "chat_reservations" ADD CONSTRAINT "chat_reservations_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
