export { estimateTokens } from '@coach/llm/tokens';
export {
  formatAthleteMemory,
  type RememberedItem,
} from './athlete-memory';
export {
  athleteText,
  isAthleteText,
  truncateText,
} from './athlete-text';
export {
  citationTrailer,
  couldStartAnswerTrailer,
  type ProposalLine,
  splitAnswerTrailer,
} from './citations';
export {
  coachingToneInstructions,
  describeThresholds,
} from './coaching-tone';
export { formatContextSection, humanizeKey } from './format-context';
export { canonicalNumber, numberFormsIn, numbersIn } from './numbers';
export {
  type BaseContext,
  buildSystemPrompt,
  SYSTEM_PROMPT_TEMPLATE,
} from './system-prompt';
export { condenseTrainingGuide, TRAINING_GUIDE } from './training-guide';
export {
  GENERIC_ERROR_MESSAGE,
  getUniverseIntro,
  isUniverse,
  MAX_CONVERSATION_TURNS,
  MAX_MESSAGE_CHARS,
  UNIVERSE_LABELS,
  UNIVERSES,
  type Universe,
} from './universes';
