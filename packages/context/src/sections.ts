/** One part of a universe's context; the budget trims the lowest priority first. */
export interface ContextSection {
  key: string;
  value: unknown;
  /** 1 = essential to the universe, 2 = useful, 3 = nice to have */
  priority: 1 | 2 | 3;
  /** a smaller version of `value` (e.g. fewer items), or null when it cannot shrink further */
  shrink?: (value: unknown) => unknown | null;
}

export interface UniverseLoad {
  status: 'ok' | 'no_data';
  sections: ContextSection[];
}

export function section(key: string, value: unknown, priority: 1 | 2 | 3): ContextSection {
  return { key, value, priority };
}

/** A list that gives up its last items first (order lists newest first). */
export function listSection(
  key: string,
  items: readonly unknown[],
  priority: 1 | 2 | 3,
  keepAtLeast = 1,
): ContextSection {
  return {
    key,
    value: items,
    priority,
    shrink: (value) => {
      const list = value as unknown[];
      return list.length > keepAtLeast
        ? list.slice(0, Math.max(keepAtLeast, Math.floor(list.length / 2)))
        : null;
    },
  };
}

/** The loader's answer when the athlete has no data for this universe yet. */
export function noData(message: string, ...sections: ContextSection[]): UniverseLoad {
  return { status: 'no_data', sections: [section('status', message, 1), ...sections] };
}
