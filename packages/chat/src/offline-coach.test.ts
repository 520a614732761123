import type { ChatContext } from '@coach/context';
import { FALLBACK_BASE_CONTEXT } from '@coach/context';
import { ModelError } from '@coach/llm';
import { describe, expect, it } from 'vitest';
import { composeOfflineAnswer, createOfflineCoach } from './offline-coach';

function loaded(
  universe: ChatContext['universe'],
  context: Record<string, unknown>,
  status: ChatContext['status'] = 'ok',
): ChatContext {
  return {
    universe,
    base: FALLBACK_BASE_CONTEXT,
    factsOfTheDay: '',
    context,
    text: '',
    tokens: 0,
    budget: 1000,
    status,
    omitted: [],
    athlete: null,
  };
}

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
