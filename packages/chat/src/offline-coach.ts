import type { ChatContext } from '@coach/context';
import { type ChatModel, ModelError, NO_USAGE } from '@coach/llm';
import { UNIVERSE_LABELS, type Universe } from '@coach/prompts';

const NOTICE =
  "(Offline coach: the AI coach isn't connected right now, so this answer is put together directly from your data.)";

type Section = Record<string, unknown>;

const asSection = (value: unknown): Section | null =>
  value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Section) : null;
const asText = (value: unknown): string => (typeof value === 'string' ? value : '');
const asList = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/** What the athlete's question is mostly about, from its words. */
function intentOf(question: string): 'load' | 'race' | 'today' | 'other' {
  const q = question.toLowerCase();
  if (/overdo|too much|tired|fatigue|injur|rest|acwr|load|risk|recover/.test(q)) return 'load';
  if (/race|marathon|half|goal|taper|how far|ready/.test(q)) return 'race';
  if (/today|workout|session|should i (do|run)/.test(q)) return 'today';
  return 'other';
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

function todaysWorkout(context: Section, intent: ReturnType<typeof intentOf>): string[] {
  const recommendation = asSection(context.todaysRecommendation);
  const metrics = metricsSentence(asSection(context.currentMetrics));
  const today = recommendation
    ? `Today's workout: ${asText(recommendation.prescription)} Why: ${asText(recommendation.rationale)}`
    : asText(context.todaysRecommendation);
  return intent === 'load' ? [metrics, today] : [today, metrics];
}

function autopsy(context: Section): string[] {
  const latest = asSection(context.latestAutopsy);
  if (!latest) return [];
  return [
    `Your latest workout analysis (${asText(latest.date)}) scored ${asText(latest.alignmentScore)} for alignment.`,
    `Prescribed: ${asText(latest.prescribedAction)} What you did: ${asText(latest.actualActivities)}`,
    asText(latest.analysis),
  ];
}

function trainingPlan(context: Section): string[] {
  const stage = asSection(context.trainingStage);
  const week = asSection(context.thisWeek);
  const days = asList(week?.days)
    .map(asSection)
    .map((day) => (day ? `${asText(day.day)}: ${asText(day.description)}` : ''))
    .filter(Boolean);
  const races = asList(context.raceGoals)
    .map(asSection)
    .map((race) =>
      race
        ? `${asText(race.race)} (${asText(race.priority)}, ${asText(race.distance)}) in ${asText(race.countdown)}`
        : '',
    )
    .filter(Boolean);
  return [
    stage ? `You're in the ${asText(stage.stage)} stage; A race: ${asText(stage.aRace)}.` : '',
    week ? `This week's focus: ${asText(week.focus)}` : '',
    days.length > 0 ? `The week: ${days.join('; ')}.` : '',
    races.length > 0 ? `Races ahead: ${races.join('; ')}.` : '',
  ];
}

function progress(context: Section): string[] {
  const recent = asSection(context.lastFourWeeks);
  const flags = asList(context.patternFlags).map(asText).filter(Boolean);
  const weeks = asList(context.weeklyTrendsNewestFirst)
    .slice(0, 4)
    .map(asSection)
    .map((week) => (week ? `week of ${asText(week.week)}: ${asText(week.distance)}` : ''))
    .filter(Boolean);
  return [
    recent
      ? `Over the last four weeks: ${recent.runs} runs, ${asText(recent.runningDistance)} in ${asText(recent.totalTime)}, longest ${asText(recent.longestRun)}.`
      : '',
    weeks.length > 0 ? `Recent weeks, newest first: ${weeks.join('; ')}.` : '',
    metricsSentence(asSection(context.currentMetrics)),
    flags.length > 0 ? `Worth noting: ${flags.join(' ')}` : 'No worrying patterns stand out.',
  ];
}

function general(context: Section): string[] {
  return [
    `Your A race: ${asText(context.aRace)}. Training stage: ${asText(context.trainingStage)}.`,
    'For general questions on training, nutrition or technique the full AI coach gives better answers; meanwhile, keep easy days easy, build volume gradually and rest when your body asks.',
  ];
}

const COMPOSERS: Record<
  Universe,
  (context: Section, intent: ReturnType<typeof intentOf>) => string[]
> = {
  todays_workout: todaysWorkout,
  autopsy,
  training_plan: trainingPlan,
  progress,
  general,
};

/** The offline coach's whole answer: deterministic, from the loaded context only. */
export function composeOfflineAnswer(loaded: ChatContext, question: string): string {
  const parts =
    loaded.status === 'ok'
      ? COMPOSERS[loaded.universe](loaded.context, intentOf(question))
      : [
          asText(loaded.context.status) === 'partial'
            ? asText(loaded.context.message)
            : asText(loaded.context.status),
        ];
  const body = parts.filter((part) => part.trim() !== '').join('\n\n');
  return `${NOTICE}\n\n${body || `I have no ${UNIVERSE_LABELS[loaded.universe].toLowerCase()} data to go on yet.`}`;
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
