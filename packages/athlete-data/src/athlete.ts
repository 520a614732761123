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

/** What the queries need about the athlete: where "today" is and which thresholds apply. */
export interface AthleteClock {
  timezone: string;
  today: LocalDate;
  riskTolerance: RiskTolerance;
  thresholds: Readonly<Thresholds>;
  units: Units;
}

export async function loadAthleteClock(
  db: DbClient,
  userId: number,
  now: Date,
): Promise<AthleteClock> {
  const user = await db.user.findUnique({
    where: { id: userId },
    select: { timezone: true, riskTolerance: true, units: true },
  });
  if (!user) throw new UnknownAthleteError(userId);
  return {
    timezone: user.timezone,
    today: todayIn(user.timezone, now),
    riskTolerance: user.riskTolerance,
    thresholds: thresholdsFor(user.riskTolerance),
    units: user.units,
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
