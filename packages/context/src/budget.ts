import { estimateTokens, formatContextSection } from '@coach/prompts';
import type { ContextSection } from './sections';

export interface FittedContext {
  context: Record<string, unknown>;
  tokens: number;
  /** what was shortened or left out to fit, in the order it happened */
  omitted: string[];
}

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

/**
 * Fits a universe's sections under `budget` tokens as the prompt will render them: shrinks or drops
 * the least important first and says what was left out. Always ends under budget, even if that
 * means leaving everything out.
 */
export function fitToBudget(sections: readonly ContextSection[], budget: number): FittedContext {
  const kept = sections.map((s) => ({ ...s }));
  const omitted: string[] = [];
  for (;;) {
    const context = assemble(kept, omitted);
    const tokens = estimateTokens(formatContextSection(context));
    if (tokens <= budget || kept.length === 0) return { context, tokens, omitted };
    const index = nextToTrim(kept);
    const target = kept[index];
    if (!target) return { context, tokens, omitted };
    const smaller = target.shrink?.(target.value) ?? null;
    if (smaller !== null) {
      target.value = smaller;
      if (!omitted.includes(`older ${target.key}`)) omitted.push(`older ${target.key}`);
    } else {
      kept.splice(index, 1);
      omitted.push(target.key);
    }
  }
}
