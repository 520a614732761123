export {
  IMPORT_BATCH_ACTIVITIES,
  type ImportOutcome,
  type ImportSummary,
  importActivities,
} from './import-activities';
export {
  SAME_DISTANCE_TOLERANCE,
  SAME_DISTANCE_TOLERANCE_METERS,
  SAME_START_TOLERANCE_SECONDS,
} from './same-activity';
