export {
  ACTIVITY_NAME_MAX_CHARS,
  ACTIVITY_NOTES_MAX_CHARS,
  ACTIVITY_TYPE_LABELS,
  ACTIVITY_TYPES,
  type ActivityType,
  MANUAL_ACTIVITY_BOUNDS,
} from './activity-types';
export {
  type AssessedMetrics,
  type Assessment,
  assessTrainingState,
  PAIN_REST_THRESHOLD,
  type TrainingStatus,
} from './assessment';
export {
  addDays,
  dateRange,
  daysBetween,
  earlierOf,
  fromUtcMidnight,
  instantAt,
  isLocalDate,
  type LocalDate,
  laterOf,
  localDateOf,
  mondayOf,
  TRAINING_WEEK,
  todayIn,
  toUtcMidnight,
  WEEKDAYS,
  type Weekday,
  weekdayOf,
} from './calendar';
export { dayAndMonth } from './date-labels';
export {
  COACHING_SPECTRUM_MAX,
  COACHING_SPECTRUM_MIN,
  type CoachingStyle,
  coachingStyleFor,
} from './coaching';
export { computeDailyMetrics, type DailyMetrics } from './daily-metrics';
export { ENERGY_MAX, ENERGY_MIN, PAIN_STEPS, RPE_MAX, RPE_MIN } from './journal';
export {
  type ActivityEffort,
  externalLoad,
  type HeartRateProfile,
  type HeartRateSample,
  type HeartRateSeconds,
  heartRateSecondsOf,
  internalLoad,
  METERS_PER_FOOT,
  METERS_PER_MILE,
  type Sex,
  trimpFromHeartRateSeconds,
} from './load';
export {
  ACWR_DANGER_ZONE,
  ACWR_OPTIMAL_ZONE,
  isRiskTolerance,
  RISK_TOLERANCES,
  type RiskTolerance,
  THRESHOLDS,
  type Thresholds,
  thresholdsFor,
} from './thresholds';
export {
  distanceIn,
  distanceUnitOf,
  formatActualDistance,
  formatDuration,
  formatPace,
  formatPaceRange,
  formatPlanDistance,
  formatRaceDistance,
  formatRaceTime,
  metersFrom,
  RACE_DISTANCE_PRESETS,
  RACE_DISTANCES,
  roundTo,
  type Units,
} from './units';
