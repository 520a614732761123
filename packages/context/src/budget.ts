import { athleteText, estimateTokens, isAthleteText, truncateText } from '@coach/prompts';
import { type Fact, numberFacts, renderFacts } from './facts';
import type { ContextSection } from './sections';

export interface FittedContext {
  context: Record<string, unknown>;
  /** the context as the prompt shows it: its numbered facts, then what was left out */
  text: string;
  /** the numbered facts of `text` */
  facts: Fact[];
  tokens: number;
  /** what was shortened or left out to fit, in the order it happened */
  omitted: string[];
}

/** A text field is never shortened below this many characters; past that, its section goes. */
const MIN_FIELD_CHARS = 160;

function assemble(sections: ContextSection[], omitted: string[]): Record<string, unknown> {
  const context: Record<string, unknown> = Object.fromEntries(
    sections.map((s) => [s.key, s.value]),
  );
  if (omitted.length > 0) context.leftOutForLength = omitted;
  return context;
}

/** Trimming order: lowest priority first, and within a priority the section listed last. */
function nextToTrim(sections: ContextSection[]): number {
  let pick = -1;
  sections.forEach((s, i) => {
    const current = sections[pick];
    if (!current || s.priority >= current.priority) pick = i;
  });
  return pick;
}

function textLength(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (isAthleteText(value)) return Math.min(value.text.length, value.maxChars);
  return 0;
}

/** The value with every text field longer than the limit shortened to it (athlete text stays fenced). */
function capTexts(value: unknown, limit: (length: number) => number | null): unknown {
  const length = textLength(value);
  if (length > 0) {
    const max = limit(length);
    if (max === null || max >= length) return value;
    return isAthleteText(value)
      ? athleteText(value.text, { maxChars: max })
      : truncateText(value as string, max);
  }
  if (Array.isArray(value)) return value.map((item) => capTexts(item, limit));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    if (value instanceof Map || value instanceof Set) return value;
    return Object.fromEntries(
      Object.entries(value).map(([key, child]) => [key, capTexts(child, limit)]),
    );
  }
  return value;
}

function longestText(value: unknown): number {
  const length = textLength(value);
  if (length > 0) return length;
  if (Array.isArray(value)) return Math.max(0, ...value.map(longestText));
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    if (value instanceof Map || value instanceof Set) return 0;
    return Math.max(0, ...Object.values(value).map(longestText));
  }
  return 0;
}

/** The value with its longest text field halved, or null when none is long enough to shorten. */
function shortenLongestText(value: unknown): unknown | null {
  const longest = longestText(value);
  if (longest <= MIN_FIELD_CHARS) return null;
  const max = Math.max(MIN_FIELD_CHARS, Math.floor(longest / 2));
  return capTexts(value, (length) => (length === longest ? max : null));
}

/**
 * Fits a universe's sections under `budget` tokens as the prompt will render them, and renders
 * them as facts numbered from `firstFactNumber`. In an essential section (priority 1) no text field may take more than half the budget.
 * Then the least important section gives way first: a list keeps its newest items; an essential
 * section has its longest text shortened (so it keeps its key facts, such as a date and a score,
 * beside a long analysis) until none is long; only then is a section left out. Says what was shortened or left out. Always ends under budget, even if that
 * means leaving everything out.
 */
export function fitToBudget(
  sections: readonly ContextSection[],
  budget: number,
  firstFactNumber = 1,
): FittedContext {
  const fieldMaxChars = Math.max(MIN_FIELD_CHARS, budget * 2);
  const omitted: string[] = [];
  const kept = sections.map((s) => {
    if (s.priority !== 1) return { ...s };
    const value = capTexts(s.value, () => fieldMaxChars);
    if (value !== s.value && longestText(s.value) > fieldMaxChars) omitted.push(`part of ${s.key}`);
    return { ...s, value };
  });
  for (;;) {
    const context = assemble(kept, omitted);
    const facts = numberFacts(kept, firstFactNumber);
    const text = renderFacts(facts, omitted);
    const tokens = estimateTokens(text);
    const fitted = { context, text, facts, tokens, omitted };
    if (tokens <= budget || kept.length === 0) return fitted;
    const index = nextToTrim(kept);
    const target = kept[index];
    if (!target) return fitted;
    const smaller = target.shrink?.(target.value) ?? null;
    const shorter =
      smaller === null && target.priority === 1 ? shortenLongestText(target.value) : null;
    if (smaller !== null) {
      target.value = smaller;
      if (!omitted.includes(`older ${target.key}`)) omitted.push(`older ${target.key}`);
    } else if (shorter !== null) {
      target.value = shorter;
      if (!omitted.includes(`part of ${target.key}`)) omitted.push(`part of ${target.key}`);
    } else {
      kept.splice(index, 1);
      omitted.push(target.key);
    }
  }
}
