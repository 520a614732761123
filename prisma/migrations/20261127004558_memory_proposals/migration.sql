-- CreateEnum
CREATE TYPE "MemoryProposalStatus" AS ENUM ('pending', 'accepted', 'refused');

-- CreateTable
CREATE TABLE "memory_proposals" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "kind" "MemoryKind" NOT NULL,
    "text" VARCHAR(280) NOT NULL,
    "status" "MemoryProposalStatus" NOT NULL DEFAULT 'pending',
    "request_id" UUID NOT NULL,
    "conversation_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answered_at" TIMESTAMPTZ(3),

    CONSTRAINT "memory_proposals_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "memory_proposals_conversation_id_idx" ON "memory_proposals"("conversation_id");

-- CreateIndex
CREATE UNIQUE INDEX "memory_proposals_user_id_request_id_key" ON "memory_proposals"("user_id", "request_id");

-- AddForeignKey
ALTER TABLE "memory_proposals" ADD CONSTRAINT "memory_proposals_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "memory_proposals" ADD CONSTRAINT "memory_proposals_conversation_id_fkey" FOREIGN KEY ("conversation_id") REFERENCES "conversations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
