import { type ChatContext, RECENT_PAIN_KEY } from '@coach/context';
import { type ChatModel, ModelError, NO_USAGE } from '@coach/llm';
import { PAIN_REST_THRESHOLD } from '@coach/metrics';
import { citationTrailer, UNIVERSE_LABELS, type Universe } from '@coach/prompts';

const NOTICE =
  "(Offline coach: the AI coach isn't connected right now, so this answer is put together directly from your data.)";

type Section = Record<string, unknown>;

const asSection = (value: unknown): Section | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Section) : null;
const asText = (value: unknown): string => (typeof value === 'string' ? value : '');
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** What the athlete's question is mostly about, from its words. */
export type Intent = 'safety' | 'load' | 'today' | 'race' | 'progress' | 'other';

/**
 * The rules, first match wins: safety before anything (a painful knee and "should I run today?"
 * is a safety question), then load, today, race or plan, progress.
 */
const INTENT_RULES: readonly (readonly [Intent, RegExp])[] = [
  [
    'safety',
    /\b(pain\w*|hurts?|hurting|injur\w*|sore(ness)?|aches?|aching|achy|swollen|swelling|sprain\w*|strain(ed)?|niggles?|tender|shin splints?|ill|illness|sick|fever\w*|flu|a cold|covid|infection|dizzy|chest)\b/,
  ],
  [
    'load',
    /\b(overdo\w*|too much|tired|fatigue\w*|acwr|load|recover\w*|rest day|burn(ed|t)? out)\b/,
  ],
  [
    'today',
    /\b(today|tonight|this (morning|afternoon|evening)|workout|session)\b|\b(should|can|shall) i (run|train|go)\b/,
  ],
  ['race', /\b(race|marathon|half|10 ?k|5 ?k|goal|target time|taper\w*|ready|plan|this week)\b/],
  ['progress', /\b(progress\w*|improv\w*|fitter|fitness|trend\w*|faster|better|how am i doing)\b/],
];

export function intentOf(question: string): Intent {
  const q = question.toLowerCase();
  return INTENT_RULES.find(([, rule]) => rule.test(q))?.[0] ?? 'other';
}

/** One part of an offline answer, the kind of question it answers and the sections it quotes. */
interface Part {
  topic: Exclude<Intent, 'safety' | 'other'> | 'info';
  text: string;
  /** keys of the context sections it is drawn from: the answer cites their facts */
  cites: readonly string[];
}

const RED_FLAGS =
  'Pain or illness comes first, whatever the plan or the numbers say. Stop running and see a doctor or physiotherapist if the pain is sharp or in one spot, gets worse as you run or changes how you run, comes with swelling, hurts at night or at rest, or a bone is tender to press. With a fever or feeling ill, do not run until it has passed. I cannot diagnose anything: today, rest or do something easy that does not hurt (walking, cycling, swimming) instead of the planned session, and only run again once it is pain-free.';

const PAIN_RULE = `Your plan's pain rule: pain of ${PAIN_REST_THRESHOLD}% or more on two days in a row means rest.`;

function safetyParts(recentPain: readonly string[]): Part[] {
  return [
    part('info', RED_FLAGS),
    part('info', PAIN_RULE),
    part(
      'info',
      recentPain.length > 0
        ? `Your journal's recent pain entries: ${recentPain.join('; ')}. Log how it feels each day so the plan can rest you when it needs to.`
        : 'Your journal has no pain entries in the last 7 days; log it today so the plan can take it into account.',
      RECENT_PAIN_KEY,
    ),
  ];
}

function metricsSentence(metrics: Section | null): string {
  if (!metrics) return '';
  const reasons = asList(metrics.reasons).map(asText).filter(Boolean);
  const ratios =
    metrics.externalAcwr === null || metrics.externalAcwr === undefined
      ? 'There is not enough history yet for workload ratios.'
      : `Your acute:chronic workload ratio is ${metrics.externalAcwr} external and ${metrics.internalAcwr} internal (divergence ${metrics.normalizedDivergence}), with ${metrics.daysSinceRest} days since your last rest day.`;
  const status = asText(metrics.status).replaceAll('_', ' ');
  return [ratios, status ? `Overall: ${status}.` : '', ...reasons.map((r) => `${r}.`)]
    .filter(Boolean)
    .join(' ');
}

const part = (topic: Part['topic'], text: string, ...cites: string[]): Part => ({
  topic,
  text,
  cites,
});

function todaysWorkout(context: Section): Part[] {
  const recommendation = asSection(context.todaysRecommendation);
  const today = recommendation
    ? `Today's workout: ${asText(recommendation.prescription)} Why: ${asText(recommendation.rationale)}`
    : asText(context.todaysRecommendation);
  return [
    part('today', today, 'todaysRecommendation'),
    part('load', metricsSentence(asSection(context.currentMetrics)), 'currentMetrics'),
  ];
}

function autopsy(context: Section): Part[] {
  const latest = asSection(context.latestAutopsy);
  if (!latest) return [];
  return [
    part(
      'info',
      `Your latest workout analysis (${asText(latest.date)}) scored ${asText(latest.alignmentScore)} for alignment.`,
      'latestAutopsy',
    ),
    part(
      'info',
      `Prescribed: ${asText(latest.prescribedAction)} What you did: ${asText(latest.actualActivities)}`,
      'latestAutopsy',
    ),
    part('info', asText(latest.analysis), 'latestAutopsy'),
  ];
}

function trainingPlan(context: Section): Part[] {
  const stage = asText(context.trainingStage);
  const week = asSection(context.thisWeek);
  const days = asList(week?.days).map(asText).filter(Boolean);
  const races = asList(context.raceGoals).map(asText).filter(Boolean);
  return [
    part('info', stage ? `You're in the ${stage} stage.` : '', 'trainingStage'),
    part('today', week ? `This week's focus: ${asText(week.focus)}` : '', 'thisWeek'),
    part('today', days.length > 0 ? `The week: ${days.join('; ')}.` : '', 'thisWeek'),
    part('race', races.length > 0 ? `Races ahead: ${races.join('; ')}.` : '', 'raceGoals'),
  ];
}

function progress(context: Section): Part[] {
  const recent = asSection(context.lastFourWeeks);
  const flags = asList(context.patternFlags).map(asText).filter(Boolean);
  const weeks = asList(context.weeklyTrendsNewestFirst).slice(0, 4).map(asText).filter(Boolean);
  return [
    part(
      'progress',
      recent
        ? `Over the last four weeks: ${recent.runs} runs, ${asText(recent.runningDistance)} in ${asText(recent.totalTime)}, longest ${asText(recent.longestRun)}.`
        : '',
      'lastFourWeeks',
    ),
    part(
      'progress',
      weeks.length > 0 ? `Recent weeks, newest first: ${weeks.join('; ')}.` : '',
      'weeklyTrendsNewestFirst',
    ),
    part('load', metricsSentence(asSection(context.currentMetrics)), 'currentMetrics'),
    part(
      'load',
      flags.length > 0 ? `Worth noting: ${flags.join(' ')}` : 'No worrying patterns stand out.',
      'patternFlags',
    ),
  ];
}

function general(context: Section): Part[] {
  return [
    part(
      'race',
      `Your A race: ${asText(context.aRace)}. Training stage: ${asText(context.trainingStage)}.`,
      'aRace',
      'trainingStage',
    ),
    part(
      'info',
      'For general questions on training, nutrition or technique the full AI coach gives better answers; meanwhile, keep easy days easy, build volume gradually and rest when your body asks.',
    ),
  ];
}

const COMPOSERS: Record<Universe, (context: Section) => Part[]> = {
  todays_workout: todaysWorkout,
  autopsy,
  training_plan: trainingPlan,
  progress,
  general,
};

/**
 * The offline coach's whole answer: deterministic, from the loaded context only, ending with the
 * citation trailer of the facts it drew on (as the model's answers do). It answers the question
 * asked: the parts of the universe's data on its topic come first; a question on pain, injury or
 * illness gets the red flags and the recent pain entries instead of the day's session.
 */
export function composeOfflineAnswer(loaded: ChatContext, question: string): string {
  const intent = intentOf(question);
  let parts: Part[];
  if (loaded.status !== 'ok') {
    const partial = asText(loaded.context.status) === 'partial';
    parts = [
      partial
        ? part('info', asText(loaded.context.message), 'message')
        : part('info', asText(loaded.context.status), 'status'),
    ];
  } else {
    const all = COMPOSERS[loaded.universe](loaded.context);
    parts =
      intent === 'safety'
        ? // no session to run: only what bears on how hard the body has been working
          all.filter((p) => p.topic === 'load')
        : [...all.filter((p) => p.topic === intent), ...all.filter((p) => p.topic !== intent)];
  }
  if (intent === 'safety') parts = [...safetyParts(loaded.recentPain), ...parts];
  const said = parts.filter((p) => p.text.trim() !== '');
  const body =
    said.map((p) => p.text).join('\n\n') ||
    `I have no ${UNIVERSE_LABELS[loaded.universe].toLowerCase()} data to go on yet.`;
  const keys = new Set(said.flatMap((p) => p.cites));
  const cited = loaded.facts.filter((fact) => keys.has(fact.key)).map((fact) => fact.number);
  return `${NOTICE}\n\n${body}\n\n${citationTrailer(cited)}`;
}

/** A ChatModel that streams the offline answer word by word through the same path as the real model. */
export function createOfflineCoach(loaded: ChatContext, question: string): ChatModel {
  return {
    name: 'offline-coach',
    async *stream({ signal }) {
      const words = composeOfflineAnswer(loaded, question).split(/(?<=\s)/);
      for (const word of words) {
        if (signal?.aborted) throw new ModelError('aborted', { usage: NO_USAGE });
        yield { type: 'text', text: word };
        await new Promise((resolve) => setImmediate(resolve));
      }
      yield { type: 'done', usage: NO_USAGE, stopReason: 'end_turn' };
    },
  };
}
