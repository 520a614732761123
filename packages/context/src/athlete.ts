import type { PrismaClient } from '@coach/db';
import {
  type LocalDate,
  type RiskTolerance,
  type Thresholds,
  thresholdsFor,
  todayIn,
} from '@coach/metrics';

/** What every loader needs to know about the athlete: who, where in time, and their settings. */
export interface Athlete {
  id: number;
  displayName: string;
  timezone: string;
  today: LocalDate;
  coachingSpectrum: number;
  riskTolerance: RiskTolerance;
  thresholds: Thresholds;
  units: 'metric' | 'imperial';
  restingHeartRate: number | null;
  maxHeartRate: number | null;
}

export interface LoaderDeps {
  prisma: PrismaClient;
  now: () => Date;
}

export async function loadAthlete({ prisma, now }: LoaderDeps, userId: number): Promise<Athlete> {
  const user = await prisma.user.findUniqueOrThrow({
    where: { id: userId },
    select: {
      id: true,
      displayName: true,
      timezone: true,
      coachingSpectrum: true,
      riskTolerance: true,
      units: true,
      restingHeartRate: true,
      maxHeartRate: true,
    },
  });
  return {
    ...user,
    today: todayIn(user.timezone, now()),
    thresholds: thresholdsFor(user.riskTolerance),
  };
}
