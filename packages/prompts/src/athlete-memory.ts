import { estimateTokens } from '@coach/llm/tokens';
import { athleteText, renderAthleteText } from './athlete-text';

/** One thing the athlete told the coach to keep, as the prompt shows it. */
export interface RememberedItem {
  /** injury, constraint, preference, goal or health */
  kind: string;
  /** the athlete's own words: fenced as data */
  text: string;
  /** the local day it started (YYYY-MM-DD), when the athlete said */
  since: string | null;
  /** false once the athlete marked it resolved */
  current: boolean;
}

export const ATHLETE_MEMORY_HEADING =
  "WHAT THE ATHLETE HAS TOLD YOU (the athlete's own words, kept until they change them; current items first):";

function itemLine({ kind, text, since, current }: RememberedItem): string {
  const state = current ? 'current' : 'resolved';
  const when = since ? `, since ${since}` : '';
  return `- ${kind} (${state}${when}): ${renderAthleteText(athleteText(text))}`;
}

/**
 * The athlete's memory as a prompt section within `maxTokens`: current items first, then resolved
 * ones, each in its order; when over budget, items are dropped from the end and the section says
 * how many. Empty when there is nothing to tell, so the prompt of an athlete without memory is
 * unchanged.
 */
export function formatAthleteMemory(items: readonly RememberedItem[], maxTokens: number): string {
  if (items.length === 0) return '';
  const lines = [...items.filter((i) => i.current), ...items.filter((i) => !i.current)].map(
    itemLine,
  );
  const render = (kept: number) => {
    const left = lines.length - kept;
    const note = left > 0 ? [`(${left} more left out for length)`] : [];
    return [ATHLETE_MEMORY_HEADING, ...lines.slice(0, kept), ...note].join('\n');
  };
  let kept = lines.length;
  while (kept > 0 && estimateTokens(render(kept)) > maxTokens) kept -= 1;
  return kept > 0 ? render(kept) : '';
}
