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
