import type { DbClient, Prisma } from '@coach/db';
import {
  isLocalDate,
  type LocalDate,
  type RiskTolerance,
  type Thresholds,
  thresholdsFor,
  todayIn,
  type Units,
} from '@coach/metrics';
import { z } from 'zod';

/** The user id the caller asked about does not exist (a deleted account behind a stale session). */
export class UnknownAthleteError extends Error {
  readonly userId: number;

  constructor(userId: number) {
    super(`No athlete with id ${userId}`);
    this.name = 'UnknownAthleteError';
    this.userId = userId;
  }
}

/** The athlete's profile columns, as every read of them selects them (the settings add theirs). */
export const profileSelect = {
  displayName: true,
  timezone: true,
  coachingSpectrum: true,
  riskTolerance: true,
  units: true,
  restingHeartRate: true,
  maxHeartRate: true,
} as const satisfies Prisma.UserSelect;

/**
 * What the queries and the coach's context need about the athlete: who, where "today" is, how to
 * coach them, which thresholds apply, their units and heart rates.
 */
export interface AthleteProfile {
  id: number;
  displayName: string;
  timezone: string;
  today: LocalDate;
  coachingSpectrum: number;
  riskTolerance: RiskTolerance;
  thresholds: Readonly<Thresholds>;
  units: Units;
  restingHeartRate: number | null;
  maxHeartRate: number | null;
}

export async function loadAthleteProfile(
  db: DbClient,
  userId: number,
  now: Date,
): Promise<AthleteProfile> {
  const user = await db.user.findUnique({ where: { id: userId }, select: profileSelect });
  if (!user) throw new UnknownAthleteError(userId);
  return {
    id: userId,
    ...user,
    today: todayIn(user.timezone, now),
    thresholds: thresholdsFor(user.riskTolerance),
  };
}

/**
 * Locks the athlete's row until the transaction ends, so that one athlete's changes that check
 * then write (settings, the one A race) apply one after the other. Throws for an unknown athlete.
 */
export async function lockAthlete(tx: Prisma.TransactionClient, userId: number): Promise<void> {
  const locked = await tx.$queryRaw<
    { id: number }[]
  >`SELECT id FROM users WHERE id = ${userId} FOR UPDATE`;
  if (locked.length === 0) throw new UnknownAthleteError(userId);
}

/** A calendar day as `YYYY-MM-DD` (a real date: 2026-02-30 is refused). */
export const localDate = z
  .string()
  .refine((value) => isLocalDate(value), { error: 'Expected a date as YYYY-MM-DD' });

export function iso(value: Date): string {
  return value.toISOString();
}
