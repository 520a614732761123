import { type MEMORY_KINDS, MEMORY_TEXT_MAX_CHARS } from '@coach/athlete-data/bounds';

type MemoryKind = (typeof MEMORY_KINDS)[number];

/** What a chat message asks the coach to keep, as it would be saved. */
export interface RememberRequest {
  kind: Extract<MemoryKind, 'injury' | 'constraint' | 'preference'>;
  text: string;
}

import type { RememberOutcome } from './events';

/** Saves what a message asks to keep (source `chat`); the service stays free of the database. */
export interface ChatMemory {
  remember(userId: number, request: RememberRequest): Promise<RememberOutcome>;
}

/**
 * The phrasings, at the start of a sentence, case-insensitive: "remember that …", "remember: …",
 * "don't forget that …", "keep in mind that …", each optionally after "please" or "can / could /
 * would / will you (please)". What follows, to the end of its sentence, is the item.
 */
const REMEMBER =
  /(?:^|[.!?]\s+|\n\s*)(?:please[,\s]+)?(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?)?(?:remember|don['’]?t\s+forget|do\s+not\s+forget|keep\s+in\s+mind)(?:\s+that\b|\s*:)\s*((?:[^\n.!?]|[.!?](?!\s|$))+)/i;

/** Words that make an item an injury (checked first: "calf tight since Monday" is an injury). */
const INJURY_WORDS =
  /\b(injur\w*|pain\w*|sore\w*|tight\w*|strain\w*|sprain\w*|niggle\w*|ache\w*|aching|hurt\w*|fractur\w*|tendin\w*|tendon\w*|shin ?splints?|plantar|achilles|calf|calves|knee\w*|hamstring\w*|ankle\w*|hip|hips|quad\w*|glute\w*|foot|feet|it ?band)\b/i;
/** Words of days, times and equipment make it a constraint. */
const CONSTRAINT_WORDS =
  /\b(mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|weekdays?|weekends?|mornings?|evenings?|nights?|lunch\w*|noon|[ap]\.?m\.?|o['’]clock|hours?|minutes?|treadmill|gym|track|pool|bike|watch|heart[- ]rate monitor|shoes?|equipment|days?)\b/i;

/** Shortest text worth keeping. */
const MIN_TEXT_CHARS = 3;

/** The kind an item's words suggest: injury words, else day / time / equipment words, else a preference. */
export function guessMemoryKind(text: string): RememberRequest['kind'] {
  if (INJURY_WORDS.test(text)) return 'injury';
  if (CONSTRAINT_WORDS.test(text)) return 'constraint';
  return 'preference';
}

/**
 * What the message asks the coach to remember, cleaned (one line, no trailing punctuation, a
 * capital first letter) and bounded by the item's limit; null when it asks nothing of the kind.
 */
export function rememberRequestIn(message: string): RememberRequest | null {
  const said = REMEMBER.exec(message)?.[1];
  if (!said) return null;
  const words = said
    .replace(/\s+/g, ' ')
    .replace(/[\s,;:'"“”‘’]+$/, '')
    .trim()
    .slice(0, MEMORY_TEXT_MAX_CHARS)
    .trim();
  if (words.length < MIN_TEXT_CHARS) return null;
  const text = words.charAt(0).toUpperCase() + words.slice(1);
  return { kind: guessMemoryKind(text), text };
}
