import { MEMORY_KINDS, MEMORY_TEXT_MAX_CHARS } from '@coach/athlete-data/bounds';
import type { ProposalLine } from '@coach/prompts';
import { z } from 'zod';
import type { MemoryProposal, RememberOutcome } from './events';

type MemoryKind = (typeof MEMORY_KINDS)[number];

/** What a chat message asks the coach to keep, as it would be saved. */
export interface RememberRequest {
  kind: Extract<MemoryKind, 'injury' | 'constraint' | 'preference'>;
  text: string;
}

/** A memory item the model proposed, checked: a known kind (any case), a bounded text. */
const proposedMemory = z.strictObject({
  kind: z.string().trim().toLowerCase().pipe(z.enum(MEMORY_KINDS)),
  text: z.string().trim().min(1).max(MEMORY_TEXT_MAX_CHARS),
});
export type ProposedMemory = z.output<typeof proposedMemory>;

/** The memory item an answer's "[remember: kind | text]" line proposes; null when none or invalid. */
export function proposedMemoryIn(line: ProposalLine | undefined): ProposedMemory | null {
  const parsed = proposedMemory.safeParse(line);
  return parsed.success ? parsed.data : null;
}

/**
 * The athlete's memory as chat uses it; the service stays free of the database. `remember` saves
 * what a message asks to keep (source `chat`); `propose` stores what the coach proposed as pending
 * (null: not stored, the athlete already keeps it).
 */
export interface ChatMemory {
  remember(userId: number, request: RememberRequest): Promise<RememberOutcome>;
  propose(
    userId: number,
    proposal: ProposedMemory,
    answer: { requestId: string; conversationId?: number },
  ): Promise<MemoryProposal | null>;
}

// The curly quotes are written as \u escapes: esbuild leaves a regular expression's characters as
// they are, and a single non-ASCII character makes V8 keep the server bundle's whole source (1 MB)
// at two bytes per character.

/**
 * The phrasings, at the start of a sentence, case-insensitive: "remember that …", "remember: …",
 * "don't forget that …", "keep in mind that …", each optionally after "please" or "can / could /
 * would / will you (please)". What follows, to the end of its sentence, is the item.
 */
const REMEMBER =
  /(?:^|[.!?]\s+|\n\s*)(?:please[,\s]+)?(?:(?:can|could|would|will)\s+you\s+(?:please\s+)?)?(?:remember|don['\u2019]?t\s+forget|do\s+not\s+forget|keep\s+in\s+mind)(?:\s+that\b|\s*:)\s*((?:[^\n.!?]|[.!?](?!\s|$))+)/i;

/** Words that make an item an injury (checked first: "calf tight since Monday" is an injury). */
const INJURY_WORDS =
  /\b(injur\w*|pain\w*|sore\w*|tight\w*|strain\w*|sprain\w*|niggle\w*|ache\w*|aching|hurt\w*|fractur\w*|tendin\w*|tendon\w*|shin ?splints?|plantar|achilles|calf|calves|knee\w*|hamstring\w*|ankle\w*|hip|hips|quad\w*|glute\w*|foot|feet|it ?band)\b/i;
/** Words of days, times and equipment make it a constraint. */
const CONSTRAINT_WORDS =
  /\b(mondays?|tuesdays?|wednesdays?|thursdays?|fridays?|saturdays?|sundays?|weekdays?|weekends?|mornings?|evenings?|nights?|lunch\w*|noon|[ap]\.?m\.?|o['\u2019]clock|hours?|minutes?|treadmill|gym|track|pool|bike|watch|heart[- ]rate monitor|shoes?|equipment|days?)\b/i;

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
    .replace(/[\s,;:'"\u201C\u201D\u2018\u2019]+$/, '')
    .trim()
    .slice(0, MEMORY_TEXT_MAX_CHARS)
    .trim();
  if (words.length < MIN_TEXT_CHARS) return null;
  const text = words.charAt(0).toUpperCase() + words.slice(1);
  return { kind: guessMemoryKind(text), text };
}
