-- CreateTable
CREATE TABLE "chat_usage_anchors" (
    "user_id" INTEGER NOT NULL,
    "timezone" TEXT NOT NULL,
    "ends_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "chat_usage_anchors_pkey" PRIMARY KEY ("user_id")
);

-- AddForeignKey
ALTER TABLE "chat_usage_anchors" ADD CONSTRAINT "chat_usage_anchors_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
