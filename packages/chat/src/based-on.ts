import type { ChatContext, Fact } from '@coach/context';
import {
  couldStartAnswerTrailer,
  numberFormsIn,
  numbersIn,
  type ProposalLine,
  splitAnswerTrailer,
} from '@coach/prompts';
import type { CitedFact } from './events';

/** What an answer rests on: the facts it cited that exist, and the numbers it gave from nowhere. */
export interface BasedOn {
  facts: CitedFact[];
  /** numbers in the answer found in none of the athlete's data and words (at most MAX_FLAGGED) */
  unsupportedNumbers: string[];
}

/** The most unsupported numbers one answer reports. */
const MAX_FLAGGED = 20;

/**
 * Strips the answer's trailer, its tag lines ("[facts: 3, 7]", "[remember: kind | text]"), as it
 * streams. Only the end that could still become the trailer is held back (complete tag lines, a
 * "[" that may grow into one, and the white space before them); everything else goes on at once, so
 * the answer still streams token by token.
 */
export class AnswerTrailerFilter {
  private held = '';

  /** The part of the text so far that can be shown now. */
  push(text: string): string {
    const all = this.held + text;
    const cut = holdFrom(all);
    this.held = all.slice(cut);
    return all.slice(0, cut);
  }

  /**
   * At the end of the answer: what is left to show, the numbers its trailer cited (null: none),
   * and the memory item it proposed, as written (absent: none).
   */
  end(): { text: string; cited: number[] | null; proposal?: ProposalLine } {
    const held = this.held;
    this.held = '';
    const split = splitAnswerTrailer(held);
    if (!split) return { text: held, cited: null };
    const { body, numbers, proposal } = split;
    return { text: body, cited: numbers, ...(proposal ? { proposal } : {}) };
  }
}

/**
 * Where the held-back end of `text` begins: a possible tag line at the very end, the complete tag
 * lines before it, and the white space before them.
 */
function holdFrom(text: string): number {
  const open = text.lastIndexOf('[');
  let start = open >= 0 && couldStartAnswerTrailer(text.slice(open)) ? open : text.length;
  start = splitAnswerTrailer(text.slice(0, start))?.body.length ?? start;
  while (start > 0 && /\s/.test(text.charAt(start - 1))) start -= 1;
  return start;
}

/**
 * What the numbers of an answer may come from: the athlete's facts (each without its number in the
 * list), thresholds and what they told the coach to keep, and the athlete's own words (`asked`: the
 * question and their earlier ones). Not the rules, the guide or the coach's earlier answers: a
 * number found only there is not the athlete's.
 */
export function athleteData(
  context: Pick<ChatContext, 'facts' | 'base'>,
  asked: readonly string[],
): string {
  return [
    ...context.facts.map((fact) => fact.text.replace(/^\[\d+\]\s*/, '')),
    context.base.thresholdDescription,
    context.base.athleteMemory ?? '',
    ...asked,
  ].join('\n');
}

/**
 * The cited facts that exist in the prompt (each once, in the order cited), and the numbers of the
 * answer that appear nowhere in `data` (from `athleteData`) in any form its facts print them in
 * (`numberFormsIn`); `data` null: no numbers are checked (the offline coach's come from the data
 * and its own fixed rules).
 */
export function basedOn(
  facts: readonly Fact[],
  cited: readonly number[] | null,
  answer: string,
  data: string | null,
): BasedOn {
  const byNumber = new Map(facts.map((fact) => [fact.number, fact]));
  const citedFacts = [...new Set(cited ?? [])].flatMap((number) => {
    const fact = byNumber.get(number);
    return fact ? [{ number, label: fact.label }] : [];
  });
  if (data === null) return { facts: citedFacts, unsupportedNumbers: [] };
  const known = numberFormsIn(data);
  const unsupportedNumbers = [...new Set(numbersIn(answer))]
    .filter((number) => !known.has(number))
    .slice(0, MAX_FLAGGED);
  return { facts: citedFacts, unsupportedNumbers };
}
