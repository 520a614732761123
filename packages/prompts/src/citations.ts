/**
 * How an answer ends: its tag lines, which the prompt asks for and the server strips from the
 * streamed text. "[facts: 3, 7]" (or "[facts: none]") names the facts it rests on and is the last
 * line; "[remember: injury | Left calf tight since 20 Nov]" before it proposes a memory item.
 */
const FACTS_OPENING = '[facts:';
const REMEMBER_OPENING = '[remember:';
/** The longest memory proposal line read (its text is bounded again where it is used). */
const MAX_PROPOSAL_LINE_CHARS = 400;
/** One tag line at the very end of a text, and the white space around it. */
const TAG_AT_END = /\s*\[(facts|remember):([^[\]\n]*)\]\s*$/i;
const FACTS_LIST = /^\s*(none|\d{1,4}(?:\s*,\s*\d{1,4})*)\s*$/i;
const PROPOSAL = /^\s*([a-z]+)\s*\|\s*(\S.*?)\s*$/i;
/** What may follow an opening while its tag line is still being written. */
const FACTS_REST = /^\s*(?:n(?:o(?:n(?:e)?)?)?|[\d,\s]*)\s*(?:\]\s*)?$/i;
const REMEMBER_REST = new RegExp(`^[^[\\]\\n]{0,${MAX_PROPOSAL_LINE_CHARS}}(?:\\]\\s*)?$`);
const OPENINGS: ReadonlyArray<readonly [opening: string, rest: RegExp]> = [
  [FACTS_OPENING, FACTS_REST],
  [REMEMBER_OPENING, REMEMBER_REST],
];

/** A memory item the answer proposes, as written: the kind and text are checked where it is used. */
export interface ProposalLine {
  kind: string;
  text: string;
}

/** What an answer's tag lines say, and the text before them. */
export interface AnswerTrailer {
  body: string;
  /** the fact numbers cited; null: no facts line */
  numbers: number[] | null;
  /** present when a "[remember: kind | text]" line proposes a memory item */
  proposal?: ProposalLine;
}

/** The trailer that cites `numbers` (none: "[facts: none]"). */
export function citationTrailer(numbers: readonly number[]): string {
  return `${FACTS_OPENING} ${numbers.length > 0 ? numbers.join(', ') : 'none'}]`;
}

/** The line that proposes keeping `text` as a memory item of `kind`. */
export function memoryProposalLine(kind: string, text: string): string {
  return `${REMEMBER_OPENING} ${kind} | ${text}]`;
}

/**
 * The tag lines that end a text (in either order, each read once: the one nearest the end counts)
 * and the text before them; null when it ends with none. A facts line that does not list numbers
 * is no tag line; a remember line is always one, and proposes nothing unless it reads "kind | text".
 */
export function splitAnswerTrailer(text: string): AnswerTrailer | null {
  let body = text;
  let numbers: number[] | null = null;
  let proposal: ProposalLine | undefined;
  let found = false;
  for (let match = TAG_AT_END.exec(body); match; match = TAG_AT_END.exec(body)) {
    const content = match[2] ?? '';
    if (match[1]?.toLowerCase() === 'facts') {
      const list = FACTS_LIST.exec(content)?.[1];
      if (list === undefined) break;
      numbers ??= /^none$/i.test(list) ? [] : list.split(',').map((n) => Number(n.trim()));
    } else {
      const parts = PROPOSAL.exec(content);
      if (parts && !proposal) proposal = { kind: parts[1] ?? '', text: parts[2] ?? '' };
    }
    found = true;
    body = body.slice(0, match.index);
  }
  if (!found) return null;
  return { body, numbers, ...(proposal ? { proposal } : {}) };
}

/** Whether `text`, which starts with "[", could still grow into a tag line of the trailer. */
export function couldStartAnswerTrailer(text: string): boolean {
  const lower = text.toLowerCase();
  return OPENINGS.some(([opening, rest]) =>
    lower.length <= opening.length
      ? opening.startsWith(lower)
      : lower.startsWith(opening) && rest.test(lower.slice(opening.length)),
  );
}
