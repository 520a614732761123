/** Why a file could not be read, in words a caller can show next to the file's name. */
export type ActivityFileErrorReason =
  | 'empty'
  | 'too_large'
  | 'unsupported_format'
  | 'wrong_format'
  | 'truncated'
  | 'corrupt'
  | 'unsafe_xml'
  | 'unsafe_path'
  | 'missing_file'
  | 'unreadable'
  | 'no_activity';

/** The one error the readers throw: a bad file is reported, never a crash. */
export class ActivityFileError extends Error {
  override readonly name = 'ActivityFileError';

  constructor(
    readonly reason: ActivityFileErrorReason,
    message: string,
  ) {
    super(message);
  }
}

/** Any error met while reading a file, as an ActivityFileError (an I/O error is `unreadable`). */
export function asActivityFileError(error: unknown): ActivityFileError {
  if (error instanceof ActivityFileError) return error;
  if ((error as { code?: unknown }).code === 'ENOENT') {
    return new ActivityFileError('unreadable', 'no such file or folder');
  }
  return new ActivityFileError(
    'unreadable',
    error instanceof Error ? error.message : String(error),
  );
}
