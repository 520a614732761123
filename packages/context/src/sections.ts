import type { PrismaClient } from '@coach/db';

/** One part of a universe's context; the budget trims the lowest priority first. */
export interface ContextSection {
  key: string;
  value: unknown;
  /** 1 = essential to the universe, 2 = useful, 3 = nice to have */
  priority: 1 | 2 | 3;
  /** a smaller version of `value` (e.g. fewer items), or null when it cannot shrink further */
  shrink?: (value: unknown) => unknown | null;
  /** the section as one fact, labelled for the "Based on" line (default: its key in words) */
  label?: string;
  /** each item of the list is a fact of its own, with this label (by index; shrinking keeps the first) */
  itemLabels?: readonly string[];
  /**
   * how the prompt shows the value, when not as labelled fields: a line costs far fewer tokens than
   * a block of them, while the value keeps its fields for those who read them (the offline coach)
   */
  render?: (value: unknown) => string;
}

/** What a loader reads with: the database and the clock. */
export interface LoaderDeps {
  prisma: PrismaClient;
  now: () => Date;
}

export interface UniverseLoad {
  status: 'ok' | 'no_data';
  sections: ContextSection[];
}

export function section(
  key: string,
  value: unknown,
  priority: 1 | 2 | 3,
  label?: string,
): ContextSection {
  return label === undefined ? { key, value, priority } : { key, value, priority, label };
}

/** A section whose value the prompt shows as `render` gives it (e.g. on one line). */
export function renderedSection<T extends object>(
  key: string,
  value: T,
  priority: 1 | 2 | 3,
  label: string,
  render: (value: T) => string,
): ContextSection {
  return { key, value, priority, label, render: (shown) => render(shown as T) };
}

/** A list that gives up its last items first (order lists newest first). */
export function listSection(
  key: string,
  items: readonly unknown[],
  priority: 1 | 2 | 3,
  keepAtLeast = 1,
  itemLabels?: readonly string[],
): ContextSection {
  return {
    key,
    value: items,
    priority,
    ...(itemLabels ? { itemLabels } : {}),
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
