import type { AthleteProfile } from '@coach/athlete-data';
import { THRESHOLDS } from '@coach/metrics';
import {
  type BaseContext,
  coachingToneInstructions,
  condenseTrainingGuide,
  describeThresholds,
  formatAthleteMemory,
  type RememberedItem,
  TRAINING_GUIDE,
} from '@coach/prompts';

/**
 * How much of the training guide goes into every prompt: all of it. It sits in the prefix that every
 * athlete shares, which it makes long enough to be cached, so it costs a cache read per turn rather
 * than full price.
 */
const GUIDE_MAX_CHARS = 16_000;

/** Token budget of what the athlete has told the coach to keep, shared by every universe. */
const ATHLETE_MEMORY_BUDGET = 600;

/**
 * Shared by all universes: coaching tone, risk tolerance with the athlete's thresholds, what the
 * athlete has told the coach to keep (current items first), the guide.
 */
export function baseContextFor(
  athlete: AthleteProfile,
  memory: readonly RememberedItem[],
): BaseContext {
  return {
    athleteMemory: formatAthleteMemory(memory, ATHLETE_MEMORY_BUDGET),
    coachingTone: coachingToneInstructions(athlete.coachingSpectrum),
    riskTolerance: athlete.riskTolerance,
    thresholdDescription: describeThresholds(athlete.riskTolerance, athlete.thresholds),
    trainingGuide: condenseTrainingGuide(TRAINING_GUIDE, GUIDE_MAX_CHARS),
  };
}

/** What the coach works from when the athlete's settings cannot be read. */
export const FALLBACK_BASE_CONTEXT: BaseContext = {
  coachingTone: 'Provide balanced, supportive coaching advice.',
  riskTolerance: 'balanced',
  thresholdDescription: describeThresholds('balanced', THRESHOLDS.balanced),
  trainingGuide: "Reference the athlete's specific metrics and goals when providing advice.",
};
