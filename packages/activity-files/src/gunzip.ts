import { gunzipSync } from 'node:zlib';
import { ActivityFileError } from './activity-file-error';
import { MAX_ACTIVITY_FILE_BYTES } from './limits';

const GZIP_MAGIC = [0x1f, 0x8b];

/** Inflates a .gz file, refusing to grow it past MAX_ACTIVITY_FILE_BYTES (a small gzip bomb stays small). */
export function gunzipActivityFile(bytes: Uint8Array): Uint8Array {
  if (bytes[0] !== GZIP_MAGIC[0] || bytes[1] !== GZIP_MAGIC[1]) {
    throw new ActivityFileError('wrong_format', 'named .gz but not gzip-compressed');
  }
  try {
    return gunzipSync(bytes, { maxOutputLength: MAX_ACTIVITY_FILE_BYTES });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') {
      throw new ActivityFileError(
        'too_large',
        `more than ${MAX_ACTIVITY_FILE_BYTES / 1024 / 1024} MiB once decompressed`,
      );
    }
    if (code === 'Z_BUF_ERROR') {
      throw new ActivityFileError('truncated', 'the compressed data ends early');
    }
    throw new ActivityFileError('corrupt', 'the compressed data is damaged');
  }
}
