export { type ActivityExport, type ExportItem, openExportAt } from './activity-export';
export { ActivityFileError, type ActivityFileErrorReason } from './activity-file-error';
export { openActivitySources } from './activity-sources';
export { isActivityFileName } from './file-name';
export {
  ELEVATION_HYSTERESIS_METERS,
  MAX_ACTIVITY_FILE_BYTES,
  MAX_COMPRESSION_RATIO,
  MAX_EXPORT_BYTES,
  MAX_TRACK_POINTS,
  PAUSE_GAP_SECONDS,
} from './limits';
export type { ActivityFileFormat, ParsedActivity } from './parsed-activity';
export { readActivityFile } from './read-activity-file';
