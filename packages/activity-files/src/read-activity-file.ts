import { createHash } from 'node:crypto';
import { ActivityFileError } from './activity-file-error';
import { activityFileKind } from './file-name';
import { parseFit } from './fit';
import { parseGpx } from './gpx';
import { gunzipActivityFile } from './gunzip';
import { MAX_ACTIVITY_FILE_BYTES } from './limits';
import type { ActivityFileFormat, ParsedActivity, ParsedFile } from './parsed-activity';
import { parseTcx } from './tcx';
import { parseXml } from './xml';

/**
 * Reads one activity file (FIT, GPX or TCX, plain or gzipped) from its bytes. The name says the format;
 * the content must agree. Throws ActivityFileError, with a reason, for anything it cannot read.
 */
export function readActivityFile(fileName: string, bytes: Uint8Array): ParsedActivity {
  const { format, gzipped } = activityFileKind(fileName);
  if (bytes.byteLength === 0) throw new ActivityFileError('empty', 'the file is empty');
  if (bytes.byteLength > MAX_ACTIVITY_FILE_BYTES) {
    throw new ActivityFileError(
      'too_large',
      `more than ${MAX_ACTIVITY_FILE_BYTES / 1024 / 1024} MiB`,
    );
  }
  const content = gzipped ? gunzipActivityFile(bytes) : bytes;
  if (content.byteLength === 0) throw new ActivityFileError('empty', 'the file is empty');
  const fileDigest = createHash('sha256').update(content).digest('hex');
  return { ...parseContent(format, content), fileDigest, notes: null };
}

function parseContent(format: ActivityFileFormat, content: Uint8Array): ParsedFile {
  switch (format) {
    case 'fit':
      return parseFit(content);
    case 'gpx':
      return parseGpx(parseXml(content));
    case 'tcx':
      return parseTcx(parseXml(content));
  }
}
