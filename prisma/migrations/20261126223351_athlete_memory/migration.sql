-- CreateEnum
CREATE TYPE "MemoryKind" AS ENUM ('injury', 'constraint', 'preference', 'goal', 'health');

-- CreateEnum
CREATE TYPE "MemorySource" AS ENUM ('athlete', 'chat', 'coach');

-- CreateTable
CREATE TABLE "athlete_memories" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "kind" "MemoryKind" NOT NULL,
    "text" VARCHAR(280) NOT NULL,
    "since" DATE,
    "current" BOOLEAN NOT NULL DEFAULT true,
    "source" "MemorySource" NOT NULL DEFAULT 'athlete',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "athlete_memories_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "athlete_memories_user_id_idx" ON "athlete_memories"("user_id");

-- AddForeignKey
ALTER TABLE "athlete_memories" ADD CONSTRAINT "athlete_memories_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
