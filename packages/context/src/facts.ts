import { formatContextSection, humanizeKey } from '@coach/prompts';
import type { ContextSection } from './sections';

/** One numbered fact of a prompt: what an answer cites, and what the widget shows under it. */
export interface Fact {
  /** its number in the prompt, unique within one prompt */
  number: number;
  /** short, for the "Based on" line: "ACWR 1.15 · 26 Nov", "Journal 25 Nov: pain 20%" */
  label: string;
  /** the context section it comes from */
  key: string;
  /** the fact as the prompt shows it, number first */
  text: string;
}

/**
 * The sections as numbered facts, from `firstNumber` on: a section is one fact, or, when it has
 * item labels, each item of its list is one (a journal day, a race).
 */
export function numberFacts(sections: readonly ContextSection[], firstNumber: number): Fact[] {
  const facts: Fact[] = [];
  for (const s of sections) {
    const items = s.itemLabels && Array.isArray(s.value) && s.value.length > 0 ? s.value : null;
    const parts: [string, unknown][] = items
      ? items.map((item, i) => [s.itemLabels?.[i] ?? humanizeKey(s.key), item])
      : [[s.label ?? humanizeKey(s.key), s.value]];
    for (const [label, value] of parts) {
      const number = firstNumber + facts.length;
      const shown = s.render && !items ? `${humanizeKey(s.key)}: ${s.render(value)}` : null;
      const text = `[${number}] ${shown ?? formatContextSection({ [s.key]: value })}`;
      facts.push({ number, label, key: s.key, text });
    }
  }
  return facts;
}

/** The facts as the prompt shows them, then what was left out for length, if anything. */
export function renderFacts(facts: readonly Fact[], omitted: readonly string[]): string {
  const lines = facts.map((fact) => fact.text);
  if (omitted.length > 0) lines.push(formatContextSection({ leftOutForLength: omitted }));
  return lines.join('\n');
}
