export {
  type ImportOutcome,
  importActivities,
} from './import-activities';
