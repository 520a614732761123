import { type AssessedMetrics, assessTrainingState, THRESHOLDS } from '@coach/metrics';
import { describe, expect, it } from 'vitest';
import { type RecommendationInput, recommendToday } from './recommend';
import { samplePaces, sampleSession } from './testing';
import { HARD_WORKOUT_TYPES, type SessionKind } from './types';

const TODAY = '2026-11-26';
const YESTERDAY = '2026-11-25';
const PACES = samplePaces(TODAY);
const THRESHOLDS_BALANCED = THRESHOLDS.balanced;
const planned = (kind: SessionKind, km: number) => sampleSession(TODAY, kind, km);

function metrics(overrides: Partial<AssessedMetrics> = {}): AssessedMetrics {
  return {
    date: YESTERDAY,
    externalAcwr: 1.05,
    internalAcwr: 1.02,
    normalizedDivergence: 0.03,
    daysSinceRest: 2,
    ...overrides,
  };
}

function input(overrides: Partial<RecommendationInput> & { m?: AssessedMetrics } = {}) {
  const m = overrides.m ?? metrics();
  const journal = overrides.journal ?? [];
  return {
    date: TODAY,
    planned: planned('tempo', 12),
    metrics: m,
    assessment: assessTrainingState({
      today: m,
      thresholds: THRESHOLDS_BALANCED,
      recentPain: journal.map((j) => ({ date: j.date, painPercentage: j.painPercentage })),
    }),
    thresholds: THRESHOLDS_BALANCED,
    journal,
    lastDays: [],
    paces: PACES,
    ...overrides,
  };
}

describe('recommendToday', () => {
  it('keeps the planned session when nothing argues against it, citing the numbers', () => {
    const rec = recommendToday(input());
    expect(rec.changed).toBe(false);
    expect(rec.workoutType).toBe('tempo');
    expect(rec.prescribedWorkout).toBe(planned('tempo', 12).description);
    expect(rec.rationale).toContain('external ACWR 1.05');
    expect(rec.rationale).toContain('internal ACWR 1.02');
    expect(rec.rationale).toContain('2 days since rest (max 7)');
    expect(rec.rationale).toContain('Paces from your threshold pace estimate');
    expect(rec.metricsSnapshot.status).toBe('normal');
  });

  it('backs off to a short recovery run on high ACWR or overtraining', () => {
    for (const m of [
      metrics({ externalAcwr: 1.45, internalAcwr: 1.4 }),
      metrics({ normalizedDivergence: -0.2 }),
    ]) {
      const rec = recommendToday(input({ m }));
      expect(rec.workoutType).toBe('recovery');
      expect(rec.distanceMeters).toBeLessThanOrEqual(6000);
      expect(rec.changed).toBe(true);
      expect(rec.rationale).toMatch(
        /Planned: .* Changed to .*, because your assessment says back off/,
      );
    }
  });

  it('never prescribes a hard session against a back-off, whatever was planned', () => {
    const m = metrics({ externalAcwr: 1.45, internalAcwr: 1.4 });
    for (const kind of ['long', 'intervals', 'tempo', 'race_pace', 'sharpener'] as const) {
      const rec = recommendToday(input({ m, planned: planned(kind, 14) }));
      expect(HARD_WORKOUT_TYPES.has(rec.workoutType)).toBe(false);
    }
  });

  it('rests on mandatory rest and cites the reason', () => {
    const journal = [
      { date: '2026-11-24', energyLevel: 3, painPercentage: 60 },
      { date: YESTERDAY, energyLevel: 3, painPercentage: 60 },
    ];
    const rec = recommendToday(input({ journal }));
    expect(rec.workoutType).toBe('rest');
    expect(rec.rationale).toContain('your assessment calls for rest');
    expect(rec.rationale).toContain('Pain at 60%');
  });

  it('rests at pain 60 and cross-trains at pain 40', () => {
    const at = (pain: number) =>
      recommendToday(
        input({ journal: [{ date: YESTERDAY, energyLevel: 3, painPercentage: pain }] }),
      );
    expect(at(80).kind).toBe('rest');
    expect(at(60).kind).toBe('rest');
    const cross = at(40);
    expect(cross.kind).toBe('cross_training');
    expect(cross.workoutType).toBe('recovery');
    expect(cross.prescribedWorkout).toContain('no running');
    expect(cross.rationale).toContain('pain at 40%');
    expect(at(20).changed).toBe(false);
  });

  it('rests when one more training day would pass the maximum without rest', () => {
    const rec = recommendToday(input({ m: metrics({ daysSinceRest: 7 }) }));
    expect(rec.workoutType).toBe('rest');
    expect(rec.rationale).toContain('7 days in a row without rest');
  });

  it('turns hard into easy on recovery needed, low energy, or after a hard day', () => {
    const recovery = recommendToday(input({ m: metrics({ normalizedDivergence: -0.08 }) }));
    expect(recovery.metricsSnapshot.status).toBe('recovery_needed');
    expect(recovery.workoutType).toBe('easy');
    expect(recovery.distanceMeters).toBeLessThanOrEqual(12_000 * 0.7);

    const tired = recommendToday(
      input({ journal: [{ date: TODAY, energyLevel: 2, painPercentage: 0 }] }),
    );
    expect(tired.workoutType).toBe('easy');
    expect(tired.rationale).toContain('energy 2/5');

    const afterHard = recommendToday(
      input({ lastDays: [{ date: YESTERDAY, plannedKind: 'intervals', distanceKm: 11 }] }),
    );
    expect(afterHard.workoutType).toBe('easy');
    expect(afterHard.rationale).toContain("yesterday's intervals was a hard day");
  });

  it('rests while a current injury is fresh, and names it', () => {
    const injuries = [{ text: 'Left calf tight', since: '2026-11-24' }];
    const rec = recommendToday(input({ planned: planned('intervals', 11), injuries }));
    expect(rec.workoutType).toBe('rest');
    expect(rec.changed).toBe(true);
    expect(rec.rationale).toContain('because the injury you noted since 2026-11-24 is current');
    // Its words reach the prompt fenced, in the memory section, never in engine text.
    expect(rec.rationale).not.toContain('calf');
  });

  it('turns hard sessions easy and shorter under an older or undated current injury', () => {
    for (const since of ['2026-11-23', '2026-10-01', null]) {
      const injuries = [{ text: 'Left calf tight', since }];
      for (const kind of ['long', 'intervals', 'tempo', 'race_pace', 'sharpener'] as const) {
        const rec = recommendToday(input({ planned: planned(kind, 14), injuries }));
        expect(rec.workoutType).toBe('easy');
        expect(rec.distanceMeters).toBeLessThanOrEqual(14_000 * 0.7);
        expect(rec.rationale).toContain(
          since
            ? `the injury you noted since ${since} is current`
            : 'an injury you noted is current',
        );
      }
      // An easy day stays as planned: it is not what the injury rules out.
      const easy = recommendToday(input({ planned: planned('easy', 8), injuries }));
      expect(easy.changed).toBe(false);
    }
  });

  it('gives the planned session back once the injury is resolved (no longer passed)', () => {
    const rec = recommendToday(input({ planned: planned('intervals', 11), injuries: [] }));
    expect(rec.workoutType).toBe('intervals');
    expect(rec.changed).toBe(false);
  });

  it('weighs the latest started of several current injuries', () => {
    const injuries = [
      { text: 'Old knee', since: '2026-09-01' },
      { text: 'Left calf tight', since: '2026-11-26' },
      { text: 'Undated hip', since: null },
    ];
    const rec = recommendToday(input({ injuries }));
    expect(rec.workoutType).toBe('rest');
    expect(rec.rationale).toContain('the injury you noted since 2026-11-26 is current');
  });

  it('says not to make up a missed hard session', () => {
    const rec = recommendToday(
      input({
        planned: planned('easy', 8),
        lastDays: [{ date: YESTERDAY, plannedKind: 'long', distanceKm: 0 }],
      }),
    );
    expect(rec.changed).toBe(false);
    expect(rec.rationale).toContain('do not make it up');
  });

  it('ends each sentence once, also after a reason that has its own full stop', () => {
    const rec = recommendToday(
      input({ m: metrics({ externalAcwr: null, internalAcwr: null, normalizedDivergence: null }) }),
    );
    expect(rec.metricsSnapshot.status).toBe('insufficient_history');
    expect(rec.rationale).toContain('Daily loads are still tracked.');
    expect(rec.rationale).not.toMatch(/\.\./);
  });

  it('prescribes an easy run without a plan', () => {
    const rec = recommendToday(input({ planned: null }));
    expect(rec.workoutType).toBe('easy');
    expect(rec.minutes).toBeGreaterThan(25);
    expect(rec.rationale).toContain('no plan for today');
  });
});
