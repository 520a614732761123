// How long it takes to rebuild an athlete's daily metrics: the pure computation for six months and
// five years, and the whole stored rebuild (read activities, compute, replace rows) on PGlite.
import type { Database } from '@coach/db';
import { openTestDatabase } from '@coach/db/testing';
import { computeDailyMetrics, externalLoad, type LocalDate } from '@coach/metrics';
import { generateAthleteHistory, writeAthlete } from '@coach/seed';
import { recomputeDailyMetrics } from '@coach/training';
import { afterAll, bench, describe } from 'vitest';

const TODAY: LocalDate = '2026-11-25';
const NOW = new Date(`${TODAY}T18:00:00Z`);

function loadsOf(days: number) {
  const history = generateAthleteHistory({ seed: 7, days, today: TODAY });
  const from = history.activities[0]?.localDate ?? TODAY;
  const loads = history.activities.map((a) => ({
    localDate: a.localDate,
    externalLoad: externalLoad(a),
    internalLoad: a.movingTimeSeconds / 60,
  }));
  return { loads, from };
}

describe('computeDailyMetrics (pure)', () => {
  const sixMonths = loadsOf(182);
  const fiveYears = loadsOf(5 * 365);
  bench('6 months', () => {
    computeDailyMetrics(sixMonths.loads, { from: sixMonths.from, to: TODAY });
  });
  bench('5 years', () => {
    computeDailyMetrics(fiveYears.loads, { from: fiveYears.from, to: TODAY });
  });
});

describe('recomputeDailyMetrics (PGlite, stored)', async () => {
  const database: Database = await openTestDatabase();
  const { userId } = await writeAthlete(
    database.prisma,
    generateAthleteHistory({ seed: 7, days: 182, today: TODAY }),
    { email: 'bench@example.com', passwordHash: 'unused' },
    NOW,
  );
  afterAll(() => database.close());

  bench('6 months, one athlete', async () => {
    await recomputeDailyMetrics(database.prisma, userId, NOW);
  });
});
