import type { ChatContext } from '@coach/context';
import { FALLBACK_BASE_CONTEXT, RECENT_PAIN_KEY } from '@coach/context';
import { ModelError } from '@coach/llm';
import { describe, expect, it } from 'vitest';
import { composeOfflineAnswer, createOfflineCoach, intentOf } from './offline-coach';

function loaded(
  universe: ChatContext['universe'],
  context: Record<string, unknown>,
  status: ChatContext['status'] = 'ok',
  recentPain: string[] = [],
): ChatContext {
  // One fact per section, numbered after the recent pain of the facts of the day.
  const keys = [RECENT_PAIN_KEY, ...Object.keys(context)];
  return {
    universe,
    base: FALLBACK_BASE_CONTEXT,
    factsOfTheDay: '',
    facts: keys.map((key, i) => ({ number: i + 1, label: key, key, text: '' })),
    recentPain,
    context,
    text: '',
    tokens: 0,
    budget: 1000,
    status,
    omitted: [],
    athlete: null,
  };
}

const RACE = 'Spring Marathon on 2027-04-18 (A race): Marathon, target 3:25:00, in 20 weeks';

const today = loaded('todays_workout', {
  todaysRecommendation: {
    prescription: '8 km easy at 5:40–6:00/km.',
    rationale: 'Two hard days this week; keep this one aerobic.',
  },
  currentMetrics: {
    externalAcwr: 1.34,
    internalAcwr: 1.41,
    normalizedDivergence: -0.051,
    daysSinceRest: 5,
    status: 'recovery_needed',
    reasons: ['Internal ACWR 1.41 is above your high-risk threshold of 1.30'],
  },
});

describe('the offline coach', () => {
  it('says it is the offline coach and answers today’s question from the data', () => {
    const answer = composeOfflineAnswer(today, 'What should I do today?');
    expect(answer).toMatch(/^\(Offline coach: /);
    const workout = answer.indexOf("Today's workout: 8 km easy");
    const metrics = answer.indexOf('1.34 external and 1.41 internal');
    expect(workout).toBeGreaterThan(0);
    expect(metrics).toBeGreaterThan(workout);
    expect(answer).toContain('Overall: recovery needed.');
    expect(answer).toContain('above your high-risk threshold of 1.30.');
  });

  it('leads with the load picture when asked about overdoing it', () => {
    const answer = composeOfflineAnswer(today, 'Am I overdoing it?');
    expect(answer.indexOf('1.34 external')).toBeLessThan(answer.indexOf("Today's workout"));
  });

  it('summarises the latest autopsy', () => {
    const answer = composeOfflineAnswer(
      loaded('autopsy', {
        latestAutopsy: {
          date: '2026-11-24',
          alignmentScore: '6/10',
          prescribedAction: 'Tempo 3×2 km.',
          actualActivities: '10.2 km run in 58:40, avg HR 142.',
          analysis: 'You ran the reps too fast early on.',
        },
      }),
      'What did the autopsy find?',
    );
    expect(answer).toContain('(2026-11-24) scored 6/10');
    expect(answer).toContain('You ran the reps too fast early on.');
  });

  it('says plainly when there is no data or the data could not be loaded', () => {
    expect(
      composeOfflineAnswer(
        loaded('autopsy', { status: 'No autopsy data available yet.' }, 'no_data'),
        'x',
      ),
    ).toContain('No autopsy data available yet.');
    expect(
      composeOfflineAnswer(
        loaded(
          'progress',
          { status: 'partial', message: 'Some progress data could not be loaded.' },
          'fallback',
        ),
        'x',
      ),
    ).toContain('Some progress data could not be loaded.');
  });

  it('streams its answer word by word and stops when aborted', async () => {
    const coach = createOfflineCoach(today, 'today?');
    const words: string[] = [];
    for await (const event of coach.stream({
      system: [],
      messages: [],
      maxTokens: 500,
      temperature: 0,
    })) {
      if (event.type === 'text') words.push(event.text);
    }
    expect(words.join('')).toBe(composeOfflineAnswer(today, 'today?'));
    expect(words.length).toBeGreaterThan(10);

    const controller = new AbortController();
    const stream = coach.stream({
      system: [],
      messages: [],
      maxTokens: 500,
      temperature: 0,
      signal: controller.signal,
    });
    controller.abort();
    await expect(async () => {
      for await (const _ of stream) {
        // drain
      }
    }).rejects.toBeInstanceOf(ModelError);
  });
});

describe('the offline coach answers the question asked', () => {
  const universes = ['todays_workout', 'autopsy', 'training_plan', 'progress', 'general'] as const;
  const contexts: Record<(typeof universes)[number], Record<string, unknown>> = {
    todays_workout: {
      todaysRecommendation: {
        prescription: 'Tempo: 3×2 km at 4:50/km.',
        rationale: 'Fresh legs; time for quality.',
      },
      currentMetrics: { externalAcwr: 1.1, internalAcwr: 1.05, normalizedDivergence: 0.01 },
    },
    autopsy: {
      latestAutopsy: {
        date: '2026-11-24',
        alignmentScore: '8/10',
        prescribedAction: 'Easy 8 km.',
        actualActivities: '8.1 km.',
        analysis: 'Well judged.',
      },
    },
    training_plan: {
      trainingStage: 'build',
      thisWeek: {
        focus: 'Threshold',
        days: ['Thursday 2026-11-26: tempo, 8 km, 45 min. Tempo 3×2 km'],
      },
      raceGoals: [RACE],
    },
    progress: {
      lastFourWeeks: {
        runs: 14,
        runningDistance: '160 km',
        totalTime: '15:10:00',
        longestRun: '24 km',
      },
      weeklyTrendsNewestFirst: ['week of 2026-11-23: 5 runs, 42 km in 4:02:11'],
    },
    general: {
      aRace: RACE,
      trainingStage: 'build',
    },
  };
  const pain = ['2026-11-25: 40%', '2026-11-23: 20%'];

  it.each([
    ['My knee is painful, should I run today?', 'safety'],
    ['I think I injured my calf', 'safety'],
    ['I have a fever and feel sick', 'safety'],
    ['Is it OK to run with a sore shin?', 'safety'],
    ['Should I run today?', 'today'],
    ['What is my workout?', 'today'],
    ['Am I overdoing it?', 'load'],
    ['Am I ready for my marathon?', 'race'],
    ['What does my plan look like this week?', 'race'],
    ['Am I getting fitter?', 'progress'],
    ['How do I tie my shoes?', 'other'],
  ] as const)('%s → %s', (question, intent) => {
    expect(intentOf(question)).toBe(intent);
  });

  it.each(universes)(
    '%s: told of a painful knee, it gives the red flags and the recent pain entries, not the session',
    (universe) => {
      const answer = composeOfflineAnswer(
        loaded(universe, contexts[universe], 'ok', pain),
        'My knee is painful, should I run today?',
      );
      expect(answer).toMatch(/^\(Offline coach: /);
      expect(answer).toContain('see a doctor or physiotherapist');
      expect(answer).toContain('tender to press');
      expect(answer).toContain('2026-11-25: 40%; 2026-11-23: 20%');
      expect(answer).toContain('pain of 60% or more on two days in a row means rest');
      expect(answer).not.toContain('Tempo');
      expect(answer).not.toContain("Today's workout");
    },
  );

  it('says so when the journal has no recent pain, and treats illness the same way', () => {
    const answer = composeOfflineAnswer(
      loaded('todays_workout', contexts.todays_workout),
      'I have the flu, can I still do my session?',
    );
    expect(answer).toContain('do not run until it has passed');
    expect(answer).toContain('no pain entries in the last 7 days');
    expect(answer).not.toContain('Tempo');
  });

  it('leads with the part of the data the question is about', () => {
    const plan = loaded('training_plan', contexts.training_plan);
    const race = composeOfflineAnswer(plan, 'Am I on track for my race?');
    expect(race.indexOf('Races ahead')).toBeLessThan(race.indexOf("You're in the build stage"));
    const week = composeOfflineAnswer(plan, 'What is my session today?');
    expect(week.indexOf("This week's focus")).toBeLessThan(week.indexOf('Races ahead'));
    const progress = loaded('progress', {
      ...contexts.progress,
      currentMetrics: { externalAcwr: 1.2, internalAcwr: 1.1, normalizedDivergence: 0 },
    });
    const load = composeOfflineAnswer(progress, 'Am I overdoing it?');
    expect(load.indexOf('workload ratio')).toBeLessThan(load.indexOf('Over the last four weeks'));
    const trend = composeOfflineAnswer(progress, 'Am I getting fitter?');
    expect(trend.indexOf('Over the last four weeks')).toBeLessThan(trend.indexOf('workload ratio'));
  });

  it('names the A race with its date, distance and target time', () => {
    const answer = composeOfflineAnswer(loaded('general', contexts.general), 'What about my race?');
    expect(answer).toContain(`Your A race: ${RACE}.`);
  });

  it('ends with the trailer citing the facts it drew on, as the model is asked to', () => {
    const plan = loaded('training_plan', contexts.training_plan);
    // facts: 1 recent pain, 2 trainingStage, 3 thisWeek, 4 raceGoals
    expect(composeOfflineAnswer(plan, 'What is my plan?')).toMatch(/\n\n\[facts: 2, 3, 4\]$/);
    const safety = composeOfflineAnswer(
      loaded('todays_workout', contexts.todays_workout, 'ok', pain),
      'My knee hurts',
    );
    // the pain entries and the load, not today's session (fact 2)
    expect(safety).toMatch(/\[facts: 1, 3\]$/);
  });
});
