import { isAthleteText, renderAthleteText } from './athlete-text';

/**
 * Words kept in a fixed form when keys become labels (matched case-insensitively): training
 * acronyms in capitals, units in lower case.
 */
const FIXED_WORDS: ReadonlyMap<string, string> = new Map(
  [
    'ACWR',
    'AI',
    'ATL',
    'CTL',
    'EWMA',
    'HR',
    'HRV',
    'ID',
    'RPE',
    'TRIMP',
    'TSB',
    'UTC',
    'VO2',
    'VO2max',
    'bpm',
    'ft',
    'kg',
    'km',
    'm',
    'mi',
  ].map((word) => [word.toLowerCase(), word]),
);

/** More characters than this and a list of values goes one per line instead of on one line. */
const INLINE_LIST_MAX_CHARS = 80;

/**
 * A key as a label: snake_case, kebab-case and camelCase become Title Case words, with acronyms
 * and units kept (`current_metrics` → "Current Metrics", `externalAcwr` → "External ACWR",
 * `distance_km` → "Distance km", `last7Days` → "Last 7 Days").
 */
export function humanizeKey(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_\-.]+/)
    .filter((word) => word.length > 0);
  const labelled = words.flatMap((word) => {
    const fixed = FIXED_WORDS.get(word.toLowerCase());
    if (fixed !== undefined) return [fixed];
    // Split a number from the word before it ("last7" → "last 7", but "z1" stays), then check the parts again.
    return word
      .replace(/([a-zA-Z]{2,})(\d)/g, '$1 $2')
      .split(' ')
      .map((part) => FIXED_WORDS.get(part.toLowerCase()) ?? capitalize(part));
  });
  return labelled.length > 0 ? labelled.join(' ') : key;
}

function capitalize(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** A value that prints on one line (or as one fenced note), or null for objects and lists. */
function scalarText(value: unknown): string | null {
  if (value === null || value === undefined) return 'none';
  switch (typeof value) {
    case 'string':
      return value.trim() === '' ? 'none' : value;
    case 'number':
      return Number.isFinite(value) ? String(value) : 'none';
    case 'bigint':
      return String(value);
    case 'boolean':
      return value ? 'yes' : 'no';
    case 'symbol':
      return value.description ?? 'none';
    case 'function':
      return 'none';
  }
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? 'none' : value.toISOString().slice(0, 10);
  }
  if (isAthleteText(value)) return renderAthleteText(value);
  return null;
}

function bullet(depth: number): string {
  return depth === 0 ? '' : `${'  '.repeat(depth - 1)}- `;
}

/** Entries of anything object-like, Maps included, in insertion order. */
function entriesOf(value: object): [string, unknown][] {
  if (value instanceof Map) return [...value.entries()].map(([k, v]) => [String(k), v]);
  return Object.entries(value);
}

class Renderer {
  readonly lines: string[] = [];
  // Objects on the path being rendered: a value that contains itself prints "[circular]".
  private readonly path = new Set<object>();

  /** Pushes `head text`, indenting any further lines of the text under the head. */
  private pushText(head: string, text: string, childDepth: number): void {
    const [first = '', ...rest] = text.split('\n');
    this.lines.push(head === '' ? first : `${head} ${first}`);
    const indent = '  '.repeat(Math.max(1, childDepth));
    for (const line of rest) this.lines.push(line === '' ? '' : `${indent}${line}`);
  }

  entries(value: object, depth: number): void {
    for (const [key, child] of entriesOf(value)) {
      this.node(`${bullet(depth)}${humanizeKey(key)}:`, child, depth + 1);
    }
  }

  /** One value under `head` ("Key:", "- Key:" or "1."); its children go at `childDepth`. */
  node(head: string, value: unknown, childDepth: number): void {
    const scalar = scalarText(value);
    if (scalar !== null) {
      this.pushText(head, scalar, childDepth);
      return;
    }
    const object = value as object;
    if (this.path.has(object)) {
      this.pushText(head, '[circular]', childDepth);
      return;
    }
    this.path.add(object);
    try {
      if (Array.isArray(object) || object instanceof Set) {
        this.list(head, [...object], childDepth);
      } else if (entriesOf(object).length === 0) {
        this.pushText(head, 'none', childDepth);
      } else {
        this.lines.push(head);
        this.entries(object, childDepth);
      }
    } finally {
      this.path.delete(object);
    }
  }

  private list(head: string, items: unknown[], depth: number): void {
    if (items.length === 0) {
      this.pushText(head, 'none', depth);
      return;
    }
    const texts = items.map((item) => (isAthleteText(item) ? null : scalarText(item)));
    if (texts.every((text): text is string => text !== null)) {
      // Short plain values on one line, as a comma list.
      const inline = texts.join(', ');
      const fits = `${head} ${inline}`.trimStart().length <= INLINE_LIST_MAX_CHARS;
      if (fits && texts.every((text) => !text.includes(',') && !text.includes('\n'))) {
        this.pushText(head, inline, depth);
        return;
      }
    }
    const line = items.map(scalarText);
    if (
      items.some((item) => typeof item === 'string') &&
      items.every((item) => typeof item === 'string' || isAthleteText(item)) &&
      items.some(isAthleteText) &&
      line.every((text): text is string => text !== null && !text.includes('\n'))
    ) {
      // Plain words and the athlete's own around them ("run 9.9 km in 57:50, named <athlete_note>
      // Easy run</athlete_note>") stay on one line.
      this.pushText(head, line.join(' '), depth);
      return;
    }
    this.lines.push(head);
    if (items.every((item) => scalarText(item) !== null)) {
      // Values one per line, as bullets.
      for (const item of items)
        this.pushText(bullet(depth).trimEnd(), scalarText(item) ?? '', depth);
      return;
    }
    // Objects (or a mix) as numbered blocks.
    items.forEach((item, index) => {
      this.node(`${'  '.repeat(depth - 1)}${index + 1}.`, item, depth + 1);
    });
  }
}

/**
 * Turns universe context into readable prompt text (the plan's `format_context_section`): keys as
 * Title Case labels, nested objects as indented bullets, lists inline or one item per line, lists
 * of objects as numbered blocks, null/undefined as "none", booleans as yes/no, dates as ISO dates,
 * athlete-written text fenced. Numbers print as given, so round them first. Keys keep insertion
 * order.
 *
 * `{ current_metrics: { acwr: 1.2, divergence: 0.03 }, days_since_rest: 3 }` →
 * "Current Metrics:\n- ACWR: 1.2\n- Divergence: 0.03\nDays Since Rest: 3"
 */
export function formatContextSection(context: Record<string, unknown>): string {
  const renderer = new Renderer();
  renderer.entries(context, 0);
  return renderer.lines.join('\n');
}
