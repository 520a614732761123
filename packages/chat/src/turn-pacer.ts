/**
 * Gives a burst of work a time budget per turn of the event loop: callers go ahead while the turn's
 * budget lasts, the others wait for the next turns. A burst of sends (hundreds of reservations,
 * prompts and model calls, each some main-thread work) is spread over several turns, and the I/O
 * that arrives in between (the tokens of answers already streaming) is served between them instead
 * of after the whole burst.
 *
 * A turn's budget is `budgetMs`, or `shareOfOtherWork` of what the rest of the loop took since the
 * burst's last turn if that is more, up to `maxBudgetMs`: while the loop is busy with other work the
 * burst still gets a share of it, so new answers are not starved by the ones streaming; a share
 * below one keeps the turns short, since the other work waits for the whole of each turn.
 *
 * Waiting callers go by priority, then in order: a send further along (its model call) goes before
 * one that has not started, so what a burst has begun finishes before more of it starts.
 */
export class TurnPacer {
  private readonly budgetMs: number;
  private readonly maxBudgetMs: number;
  private readonly shareOfOtherWork: number;
  /** when the current turn's budget started to run; null: no turn open */
  private turnStartedAt: number | null = null;
  private turnBudgetMs: number;
  /** when the last turn ran out of budget with callers still waiting; null: it did not */
  private outOfBudgetAt: number | null = null;
  /** waiting callers, one queue per priority */
  private readonly waiting: (() => void)[][] = [];
  /** an admission is queued as a microtask (see admitWhileBudgetLasts) */
  private admitting = false;
  private turnEndScheduled = false;

  constructor(
    {
      budgetMs,
      maxBudgetMs,
      shareOfOtherWork = 1,
    }: { budgetMs: number; maxBudgetMs: number; shareOfOtherWork?: number },
    private readonly clock: () => number = () => performance.now(),
  ) {
    if (!(budgetMs > 0)) throw new RangeError('budgetMs must be > 0');
    if (!(maxBudgetMs >= budgetMs)) throw new RangeError('maxBudgetMs must be ≥ budgetMs');
    if (!(shareOfOtherWork > 0)) throw new RangeError('shareOfOtherWork must be > 0');
    this.budgetMs = budgetMs;
    this.maxBudgetMs = maxBudgetMs;
    this.shareOfOtherWork = shareOfOtherWork;
    this.turnBudgetMs = budgetMs;
  }

  /** Resolves when the caller may go ahead: in this turn while its budget lasts, else in a later one. */
  turn(priority = 0): Promise<void> {
    let queue = this.waiting[priority];
    if (!queue) {
      queue = [];
      this.waiting[priority] = queue;
    }
    const waiting = queue;
    const admitted = new Promise<void>((resolve) => waiting.push(resolve));
    if (!this.admitting) {
      this.admitting = true;
      queueMicrotask(this.admitWhileBudgetLasts);
    }
    return admitted;
  }

  /**
   * Lets the waiting callers go one at a time, each after the work of the one before has run (its
   * continuation is the microtask queued just before), while the turn's budget lasts.
   */
  private readonly admitWhileBudgetLasts = (): void => {
    const queue = this.waiting.findLast((waiting) => waiting !== undefined && waiting.length > 0);
    if (!queue || !this.hasBudget()) {
      this.admitting = false;
      return;
    }
    queue.shift()?.();
    queueMicrotask(this.admitWhileBudgetLasts);
  };

  private hasBudget(): boolean {
    const now = this.clock();
    if (this.turnStartedAt === null) {
      this.turnStartedAt = now;
      this.turnBudgetMs =
        this.outOfBudgetAt === null
          ? this.budgetMs
          : Math.min(
              this.maxBudgetMs,
              Math.max(this.budgetMs, (now - this.outOfBudgetAt) * this.shareOfOtherWork),
            );
      this.outOfBudgetAt = null;
      this.scheduleTurnEnd();
    }
    if (now - this.turnStartedAt < this.turnBudgetMs) return true;
    this.outOfBudgetAt = now;
    return false;
  }

  private scheduleTurnEnd(): void {
    if (this.turnEndScheduled) return;
    this.turnEndScheduled = true;
    // setImmediate runs after the loop has polled for I/O, so what arrived meanwhile goes first.
    setImmediate(() => {
      this.turnEndScheduled = false;
      this.turnStartedAt = null;
      // No admission is queued now: microtasks have all run before the loop's check phase.
      this.admitting = true;
      this.admitWhileBudgetLasts();
    });
  }
}
