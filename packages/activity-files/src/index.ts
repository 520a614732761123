export { type ExportItem, openExportAt } from './activity-export';

export { openActivitySources } from './activity-sources';
export { isActivityFileName } from './file-name';

export type { ParsedActivity } from './parsed-activity';
export { readActivityFile } from './read-activity-file';
