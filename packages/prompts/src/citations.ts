/**
 * How an answer names the facts it rests on: one last line, "[facts: 3, 7]", or "[facts: none]".
 * The prompt asks for it; the server strips it from the streamed text and shows the facts instead.
 */
const TRAILER_OPENING = '[facts:';
const TRAILER = /\s*\[facts:\s*(none|\d{1,4}(?:\s*,\s*\d{1,4})*)\s*\]\s*$/i;
/** What may follow the opening while a trailer is still being written. */
const TRAILER_REST = /^\s*(?:n(?:o(?:n(?:e)?)?)?|[\d,\s]*)\s*(?:\]\s*)?$/i;

/** The trailer that cites `numbers` (none: "[facts: none]"). */
export function citationTrailer(numbers: readonly number[]): string {
  return `${TRAILER_OPENING} ${numbers.length > 0 ? numbers.join(', ') : 'none'}]`;
}

/** The fact numbers a text's trailer cites and the text before it; null when it ends with none. */
export function splitCitationTrailer(text: string): { body: string; numbers: number[] } | null {
  const match = TRAILER.exec(text);
  if (!match) return null;
  const list = match[1] ?? '';
  return {
    body: text.slice(0, match.index),
    numbers: /^none$/i.test(list) ? [] : list.split(',').map((n) => Number(n.trim())),
  };
}

/** Whether `text`, which starts with "[", could still grow into a trailer. */
export function couldStartCitationTrailer(text: string): boolean {
  const lower = text.toLowerCase();
  if (lower.length <= TRAILER_OPENING.length) return TRAILER_OPENING.startsWith(lower);
  return (
    lower.startsWith(TRAILER_OPENING) && TRAILER_REST.test(lower.slice(TRAILER_OPENING.length))
  );
}
