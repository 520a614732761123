-- CreateEnum
CREATE TYPE "RiskTolerance" AS ENUM ('conservative', 'balanced', 'aggressive');

-- CreateEnum
CREATE TYPE "Sex" AS ENUM ('female', 'male');

-- CreateEnum
CREATE TYPE "Units" AS ENUM ('metric', 'imperial');

-- CreateEnum
CREATE TYPE "RacePriority" AS ENUM ('A', 'B', 'C');

-- CreateEnum
CREATE TYPE "TrainingStage" AS ENUM ('base', 'build', 'peak', 'taper', 'recovery');

-- CreateTable
CREATE TABLE "users" (
    "id" SERIAL NOT NULL,
    "email" TEXT NOT NULL,
    "password_hash" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "timezone" TEXT NOT NULL DEFAULT 'UTC',
    "coaching_spectrum" INTEGER NOT NULL DEFAULT 50,
    "risk_tolerance" "RiskTolerance" NOT NULL DEFAULT 'balanced',
    "units" "Units" NOT NULL DEFAULT 'metric',
    "resting_heart_rate" INTEGER,
    "max_heart_rate" INTEGER,
    "sex" "Sex",
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "users_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "sessions" (
    "id" TEXT NOT NULL,
    "user_id" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "sessions_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "activities" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "source_id" TEXT NOT NULL,
    "start_time" TIMESTAMPTZ(3) NOT NULL,
    "local_date" DATE NOT NULL,
    "type" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "distance_meters" DOUBLE PRECISION NOT NULL,
    "moving_time_seconds" INTEGER NOT NULL,
    "elevation_gain_meters" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "average_heart_rate" DOUBLE PRECISION,
    "max_heart_rate" DOUBLE PRECISION,
    "perceived_effort" INTEGER,
    "external_load" DOUBLE PRECISION NOT NULL,
    "internal_load" DOUBLE PRECISION NOT NULL,

    CONSTRAINT "activities_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "daily_metrics" (
    "user_id" INTEGER NOT NULL,
    "date" DATE NOT NULL,
    "external_load" DOUBLE PRECISION NOT NULL,
    "internal_load" DOUBLE PRECISION NOT NULL,
    "external_acute_load" DOUBLE PRECISION NOT NULL,
    "external_chronic_load" DOUBLE PRECISION NOT NULL,
    "internal_acute_load" DOUBLE PRECISION NOT NULL,
    "internal_chronic_load" DOUBLE PRECISION NOT NULL,
    "external_acwr" DOUBLE PRECISION,
    "internal_acwr" DOUBLE PRECISION,
    "external_acwr_ewma" DOUBLE PRECISION,
    "internal_acwr_ewma" DOUBLE PRECISION,
    "normalized_divergence" DOUBLE PRECISION,
    "days_since_rest" INTEGER NOT NULL,
    "monotony" DOUBLE PRECISION,
    "strain" DOUBLE PRECISION,

    CONSTRAINT "daily_metrics_pkey" PRIMARY KEY ("user_id","date")
);

-- CreateTable
CREATE TABLE "journal_entries" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "entry_date" DATE NOT NULL,
    "energy_level" INTEGER,
    "rpe_score" INTEGER,
    "pain_percentage" INTEGER,
    "notes" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "journal_entries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "daily_recommendations" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "date" DATE NOT NULL,
    "workout_type" TEXT NOT NULL,
    "prescribed_workout" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,
    "metrics_snapshot" JSONB NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "daily_recommendations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ai_autopsies" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "date" DATE NOT NULL,
    "prescribed_action" TEXT NOT NULL,
    "actual_activities" TEXT NOT NULL,
    "alignment_score" INTEGER NOT NULL,
    "autopsy_analysis" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ai_autopsies_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "race_goals" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "race_date" DATE NOT NULL,
    "distance_meters" DOUBLE PRECISION NOT NULL,
    "target_time_seconds" INTEGER,
    "priority" "RacePriority" NOT NULL,
    "notes" TEXT,

    CONSTRAINT "race_goals_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "race_history" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "race_date" DATE NOT NULL,
    "distance_meters" DOUBLE PRECISION NOT NULL,
    "finish_time_seconds" INTEGER NOT NULL,
    "notes" TEXT,

    CONSTRAINT "race_history_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "weekly_programs" (
    "id" SERIAL NOT NULL,
    "user_id" INTEGER NOT NULL,
    "week_start" DATE NOT NULL,
    "stage" "TrainingStage" NOT NULL,
    "focus" TEXT NOT NULL,
    "days" JSONB NOT NULL,

    CONSTRAINT "weekly_programs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "chat_usage" (
    "user_id" INTEGER NOT NULL,
    "date" TEXT NOT NULL,
    "input_tokens" INTEGER NOT NULL DEFAULT 0,
    "output_tokens" INTEGER NOT NULL DEFAULT 0,
    "message_count" INTEGER NOT NULL DEFAULT 0,
    "updated_at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "chat_usage_pkey" PRIMARY KEY ("user_id","date")
);

-- CreateIndex
CREATE UNIQUE INDEX "users_email_key" ON "users"("email");

-- CreateIndex
CREATE INDEX "sessions_user_id_idx" ON "sessions"("user_id");

-- CreateIndex
CREATE INDEX "activities_user_id_local_date_idx" ON "activities"("user_id", "local_date");

-- CreateIndex
CREATE UNIQUE INDEX "activities_user_id_source_source_id_key" ON "activities"("user_id", "source", "source_id");

-- CreateIndex
CREATE UNIQUE INDEX "journal_entries_user_id_entry_date_key" ON "journal_entries"("user_id", "entry_date");

-- CreateIndex
CREATE UNIQUE INDEX "daily_recommendations_user_id_date_key" ON "daily_recommendations"("user_id", "date");

-- CreateIndex
CREATE UNIQUE INDEX "ai_autopsies_user_id_date_key" ON "ai_autopsies"("user_id", "date");

-- CreateIndex
CREATE INDEX "race_goals_user_id_race_date_idx" ON "race_goals"("user_id", "race_date");

-- CreateIndex
CREATE INDEX "race_history_user_id_race_date_idx" ON "race_history"("user_id", "race_date");

-- CreateIndex
CREATE UNIQUE INDEX "weekly_programs_user_id_week_start_key" ON "weekly_programs"("user_id", "week_start");

-- AddForeignKey
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "activities" ADD CONSTRAINT "activities_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "daily_metrics" ADD CONSTRAINT "daily_metrics_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "journal_entries" ADD CONSTRAINT "journal_entries_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "daily_recommendations" ADD CONSTRAINT "daily_recommendations_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ai_autopsies" ADD CONSTRAINT "ai_autopsies_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "race_goals" ADD CONSTRAINT "race_goals_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "race_history" ADD CONSTRAINT "race_history_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "weekly_programs" ADD CONSTRAINT "weekly_programs_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "chat_usage" ADD CONSTRAINT "chat_usage_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
