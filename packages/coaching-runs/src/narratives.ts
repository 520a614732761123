import type { PrismaClient } from '@coach/db';
import type { ChatModel } from '@coach/llm';
import { toUtcMidnight } from '@coach/metrics';
import type { CoachingRun } from './coaching-day';

/** The longest narrative the model may write, in tokens and (cut at a sentence) characters. */
const NARRATIVE_MAX_TOKENS = 160;
const NARRATIVE_MAX_CHARS = 700;
/** The longest wait for one narrative; past it the day keeps the engine's words only. */
const NARRATIVE_TIMEOUT_MS = 20_000;

const SYSTEM = [
  'You are an endurance running coach. You are given what the coaching engine computed for an',
  "athlete: a session and the numbers it rests on, or a past day's alignment score and analysis.",
  'Write two or three short, warm sentences to the athlete that explain it in plain words.',
  'Never change, add or recompute a number, a score, a distance, a pace or the session itself;',
  'quote them as given. No lists, no headings, no medical advice.',
].join(' ');

/**
 * A model's words on top of the engine's: after a coaching run that ran, today's recommendation
 * and the newest autopsy it scored get a short narrative (`narrative` columns), unless they have one
 * (a rerun that left their words as they were keeps it). The numbers, the session and the score
 * stay the engine's; the model only sees the engine's own text as stored (never the athlete's
 * notes), and its narrative is stored only if those words still stand. Outside the run's
 * transaction and lock; a failure leaves the narrative null.
 */
export async function writeNarratives(
  prisma: PrismaClient,
  model: ChatModel,
  userId: number,
  run: CoachingRun,
): Promise<{ recommendation: boolean; autopsy: boolean }> {
  const written = { recommendation: false, autopsy: false };
  if (!run.ran || !run.recommendation) return written;
  const today = await prisma.dailyRecommendation.findUnique({
    where: { userId_date: { userId, date: toUtcMidnight(run.date) } },
    select: { id: true, prescribedWorkout: true, rationale: true, narrative: true },
  });
  if (today && today.narrative === null) {
    const { narrative: _, ...words } = today;
    const recommended = await narrate(
      model,
      `Today's session: ${words.prescribedWorkout}\nWhy: ${words.rationale}`,
    );
    if (recommended) {
      const { count } = await prisma.dailyRecommendation.updateMany({
        where: words,
        data: { narrative: recommended },
      });
      written.recommendation = count > 0;
    }
  }
  const newest = Object.keys(run.autopsyScores).sort().at(-1);
  const autopsy = newest
    ? await prisma.autopsy.findUnique({
        where: { userId_date: { userId, date: toUtcMidnight(newest) } },
        select: {
          id: true,
          prescribedAction: true,
          actualActivities: true,
          alignmentScore: true,
          autopsyAnalysis: true,
          narrative: true,
        },
      })
    : null;
  if (newest && autopsy && autopsy.narrative === null) {
    const { narrative: _, ...words } = autopsy;
    const reviewed = await narrate(
      model,
      [
        `Day reviewed: ${newest}`,
        `Prescribed: ${words.prescribedAction}`,
        `Done: ${words.actualActivities}`,
        `Alignment score: ${words.alignmentScore}/10`,
        `Analysis: ${words.autopsyAnalysis}`,
      ].join('\n'),
    );
    if (reviewed) {
      const { count } = await prisma.autopsy.updateMany({
        where: words,
        data: { narrative: reviewed },
      });
      written.autopsy = count > 0;
    }
  }
  return written;
}

/** The model's narrative of `facts`, bounded; null when it says nothing. Throws ModelError. */
async function narrate(model: ChatModel, facts: string): Promise<string | null> {
  let text = '';
  for await (const event of model.stream({
    system: [SYSTEM],
    messages: [{ role: 'user', content: facts }],
    maxTokens: NARRATIVE_MAX_TOKENS,
    temperature: 0.3,
    signal: AbortSignal.timeout(NARRATIVE_TIMEOUT_MS),
  })) {
    if (event.type === 'text') text += event.text;
  }
  return bounded(text.trim());
}

/** At most NARRATIVE_MAX_CHARS, cut after the last full sentence that fits. */
function bounded(text: string): string | null {
  if (text.length <= NARRATIVE_MAX_CHARS) return text || null;
  const cut = text.slice(0, NARRATIVE_MAX_CHARS);
  const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('! '), cut.lastIndexOf('? '));
  return end > 0 ? cut.slice(0, end + 1) : null;
}
