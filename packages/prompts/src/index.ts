export { estimateTokens } from '@coach/llm/tokens';
export {
  ATHLETE_MEMORY_HEADING,
  formatAthleteMemory,
  type RememberedItem,
} from './athlete-memory';
export {
  ATHLETE_NOTE_TAG,
  type AthleteText,
  type AthleteTextOptions,
  athleteText,
  DEFAULT_ATHLETE_TEXT_MAX_CHARS,
  isAthleteText,
  renderAthleteText,
  sanitizeAthleteText,
  TRUNCATION_MARKER,
  truncateText,
} from './athlete-text';
export {
  citationTrailer,
  couldStartCitationTrailer,
  splitCitationTrailer,
} from './citations';
export {
  COACHING_TONE_INSTRUCTIONS,
  coachingToneInstructions,
  describeThresholds,
  RISK_TOLERANCE_MEANINGS,
} from './coaching-tone';
export { formatContextSection, humanizeKey } from './format-context';
export { canonicalNumber, numbersIn } from './numbers';
export {
  type BaseContext,
  buildSystemPrompt,
  EMPTY_CONTEXT_TEXT,
  NO_FACTS_OF_THE_DAY_TEXT,
  SYSTEM_PROMPT_TEMPLATE,
} from './system-prompt';
export { condenseTrainingGuide, TRAINING_GUIDE } from './training-guide';
export {
  GENERIC_ERROR_MESSAGE,
  getUniverseIntro,
  isUniverse,
  MAX_CONVERSATION_TURNS,
  MAX_MESSAGE_CHARS,
  SUGGESTED_QUESTIONS,
  UNIVERSE_INTROS,
  UNIVERSE_LABELS,
  UNIVERSES,
  type Universe,
} from './universes';
