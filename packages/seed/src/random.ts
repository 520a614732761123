/**
 * A small seeded PRNG (mulberry32) with the helpers the generator needs.
 * Pure and deterministic: the same seed always gives the same sequence. No Math.random.
 */

export interface Rng {
  /** uniform in [0, 1) */
  next(): number;
  /** uniform in [min, max) */
  uniform(min: number, max: number): number;
  /** integer uniform in [min, max], both included */
  int(min: number, max: number): number;
  /** normally distributed (Box–Muller) */
  normal(mean?: number, sd?: number): number;
  /** true with probability p */
  chance(p: number): boolean;
  /** one element, uniformly; throws on an empty list */
  pick<T>(items: readonly T[]): T;
  /** one value, with probability proportional to its weight */
  weighted<T>(entries: readonly (readonly [T, number])[]): T;
}

/** mulberry32: a fast 32-bit generator, good enough for synthetic data. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * A 32-bit seed from any list of parts (FNV-1a over their text, then an avalanche step),
 * so independent streams can be keyed by e.g. `(seed, 'activity', date)`.
 */
export function hashSeed(...parts: readonly (string | number)[]): number {
  const text = parts.map(String).join('\u241f');
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return hash >>> 0;
}

export function createRng(seed: number): Rng {
  const next = mulberry32(seed);
  const rng: Rng = {
    next,
    uniform: (min, max) => min + (max - min) * next(),
    int: (min, max) => min + Math.floor(next() * (Math.floor(max) - Math.ceil(min) + 1)),
    normal: (mean = 0, sd = 1) => {
      const u = 1 - next(); // (0, 1]: log(0) is impossible
      const v = next();
      return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    chance: (p) => next() < p,
    pick: <T>(items: readonly T[]): T => {
      if (items.length === 0) throw new RangeError('pick from an empty list');
      return items[Math.floor(next() * items.length)] as T;
    },
    weighted: <T>(entries: readonly (readonly [T, number])[]): T => {
      const total = entries.reduce((sum, [, weight]) => sum + Math.max(0, weight), 0);
      if (entries.length === 0 || total <= 0) throw new RangeError('weighted pick needs weights');
      let roll = next() * total;
      for (const [value, weight] of entries) {
        roll -= Math.max(0, weight);
        if (roll < 0) return value;
      }
      return (entries[entries.length - 1] as readonly [T, number])[0];
    },
  };
  return rng;
}

/** A generator keyed by its parts: `rngFor(seed, 'journal', '2025-03-01')`. */
export function rngFor(...parts: readonly (string | number)[]): Rng {
  return createRng(hashSeed(...parts));
}
