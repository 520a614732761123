/**
 * Whether any string in a parsed JSON value, key or value at any depth, contains a NUL
 * character: PostgreSQL cannot store one in text. Walked with a stack, not recursion, so a
 * deeply nested input cannot overflow the call stack.
 */
export function containsNul(value: unknown): boolean {
  const pending: unknown[] = [value];
  while (pending.length > 0) {
    const next = pending.pop();
    if (typeof next === 'string') {
      if (next.includes('\u0000')) return true;
    } else if (typeof next === 'object' && next !== null) {
      for (const [key, child] of Object.entries(next)) pending.push(key, child);
    }
  }
  return false;
}
