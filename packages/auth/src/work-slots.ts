// A fixed number of slots for expensive work: at most `size` tasks run at once, the others wait,
// the urgent ones first, and in arrival order within one priority.

export type Priority = 'urgent' | 'normal';

export class WorkSlots {
  private running = 0;
  private readonly waiting: Record<Priority, (() => void)[]> = { urgent: [], normal: [] };

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`slots: ${size}`);
  }

  /** Runs `task` once a slot is free. */
  async run<T>(priority: Priority, task: () => Promise<T>): Promise<T> {
    if (this.running >= this.size) {
      // The slot is handed over by `release`, so `running` already counts this task.
      await new Promise<void>((start) => this.waiting[priority].push(start));
    } else {
      this.running += 1;
    }
    try {
      return await task();
    } finally {
      this.release();
    }
  }

  private release(): void {
    const next = this.waiting.urgent.shift() ?? this.waiting.normal.shift();
    if (next) next();
    else this.running -= 1;
  }
}
