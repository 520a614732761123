/**
 * Text the athlete wrote (journal notes, activity names) goes into the prompt as DATA: tagged at the
 * source with `athleteText`, rendered inside an `<athlete_note>` fence that the text itself cannot
 * close or reopen, so a note cannot pass itself off as instructions.
 */

/** The fence's tag name; the system prompt tells the model what it means. */
export const ATHLETE_NOTE_TAG = 'athlete_note';
export const DEFAULT_ATHLETE_TEXT_MAX_CHARS = 600;
const TRUNCATION_MARKER = '… [truncated]';

// Symbol.for, so that two copies of this module still recognise each other's values.
const ATHLETE_TEXT = Symbol.for('@coach/prompts/athlete-text');

/** A piece of athlete-written text, tagged so formatting fences it. Make it with `athleteText`. */
export interface AthleteText {
  readonly [ATHLETE_TEXT]: true;
  /** the text as the athlete wrote it */
  readonly text: string;
  /** most characters shown between the fence tags, truncation marker included */
  readonly maxChars: number;
}

export interface AthleteTextOptions {
  /** most characters shown inside the fence, truncation marker included (default 600) */
  maxChars?: number;
}

/** Tags text the athlete wrote, so it is rendered as fenced data. */
export function athleteText(text: string, options: AthleteTextOptions = {}): AthleteText {
  const maxChars = options.maxChars ?? DEFAULT_ATHLETE_TEXT_MAX_CHARS;
  if (!Number.isInteger(maxChars) || maxChars <= TRUNCATION_MARKER.length) {
    throw new RangeError(
      `maxChars must be a whole number above ${TRUNCATION_MARKER.length}, got ${maxChars}`,
    );
  }
  // Rows from the database may hold null where the type says string.
  const value = typeof text === 'string' ? text : String(text ?? '');
  return Object.freeze({ [ATHLETE_TEXT]: true as const, text: value, maxChars });
}

export function isAthleteText(value: unknown): value is AthleteText {
  return typeof value === 'object' && value !== null && ATHLETE_TEXT in value;
}

// Control characters except tab and newline; invisible format characters that can hide text or
// split a tag name (zero-width spaces, bidi overrides, word joiner, BOM, soft hyphen).
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;
const INVISIBLE =
  /[\u00ad\u180e\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;
// A zero-width joiner only belongs inside emoji sequences (🏃‍♀️); anywhere else it is stripped.
const STRAY_JOINER = /\u200d(?!\p{Extended_Pictographic})/gu;
// Anything that starts like an opening or closing fence tag: any case, spaces, `_`, `-` or none
// between the words (`</athlete_note>`, `< / ATHLETE NOTE >`, `<athlete-notes foo>`).
const FENCE_TAG = /<(\s*\/?\s*athlete[\s_-]*note)/gi;

/** Athlete text made safe to place between fence tags. */
export function sanitizeAthleteText(text: string): string {
  return (
    text
      // Full-width and small-form look-alikes (＜, ﹤) become plain characters, so the tag check sees them.
      .normalize('NFKC')
      .replace(/\r\n?/g, '\n')
      .replace(/\t/g, ' ')
      .replace(CONTROL, '')
      .replace(INVISIBLE, '')
      .replace(STRAY_JOINER, '')
      // `‹` reads the same to a person but is not a tag to the model.
      .replace(FENCE_TAG, '‹$1')
      .trim()
  );
}

/** The text cut to at most `maxChars` characters, marker included, when it is longer. */
export function truncateText(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  let cut = text.slice(0, maxChars - TRUNCATION_MARKER.length);
  // Do not leave half of a surrogate pair behind.
  if (/[\ud800-\udbff]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut.trimEnd()}${TRUNCATION_MARKER}`;
}

/** The text inside its fence: sanitised, then truncated to the value's `maxChars`. */
export function renderAthleteText(value: AthleteText): string {
  const body = truncateText(sanitizeAthleteText(value.text), value.maxChars);
  return `<${ATHLETE_NOTE_TAG}>${body}</${ATHLETE_NOTE_TAG}>`;
}
