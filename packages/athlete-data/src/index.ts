export {
  ActivityNotEditableError,
  ActivityNotFoundError,
  activitiesPageInput,
  activityIdInput,
  createActivity,
  deleteActivity,
  listActivities,
  manualActivityInput,
  updateActivity,
} from './activities';
export { type AthleteProfile, loadAthleteProfile, UnknownAthleteError } from './athlete';
export { MEMORY_MAX_ITEMS } from './bounds';
export {
  getJournalEntry,
  journalInput,
  upsertJournal,
} from './journal';
export {
  addMemory,
  deleteMemory,
  listMemories,
  MemoryFullError,
  MemoryItemNotFoundError,
  memoryIdInput,
  memoryInput,
  memoryUpdate,
  updateMemory,
} from './memory';
export {
  answerMemoryProposal,
  MemoryProposalNotFoundError,
  type MemoryProposalView,
  proposalAnswerInput,
  proposalsInConversation,
  proposeMemory,
} from './memory-proposals';
export {
  getLatestAutopsy,
  getTodaysWorkout,
  getWeekProgram,
} from './plan';
export {
  addRaceGoal,
  addRaceResult,
  deleteRaceGoal,
  deleteRaceResult,
  getRaceGoals,
  getRaceHistory,
  RaceNotFoundError,
  raceGoalInput,
  raceGoalsFrom,
  raceGoalUpdate,
  raceHistoryUpTo,
  raceIdInput,
  raceResultInput,
  raceResultUpdate,
  SecondARaceError,
  updateRaceGoal,
  updateRaceResult,
} from './races';
export {
  getSettings,
  type Settings,
  settingsInput,
  TimezoneChangeTooSoonError,
  updateSettings,
} from './settings';
export {
  DEFAULT_SERIES_DAYS,
  DIVERGENCE_DECIMALS,
  getAcwrSeries,
  getCurrentMetrics,
  LOAD_DECIMALS,
  MAX_SERIES_DAYS,
  type MetricsAsOf,
  MIN_SERIES_DAYS,
  metricsAsOf,
  RATIO_DECIMALS,
  readAssessedMetrics,
} from './training-state';
