import type { ChatEvent, TrackedChatEvent } from './events';

/**
 * The most text one coalesced token event carries (UTF-16 units; the frame stays a few KiB).
 * A single token longer than this is still sent whole.
 */
export const MAX_COALESCED_CHARS = 4096;

/** Produces the answer's events; must end with exactly one final event and never throw. */
export type GenerationRun = (
  signal: AbortSignal,
  emit: (event: ChatEvent) => void,
) => Promise<void>;

export interface GenerationOptions {
  /** how long the answer runs on once nobody listens */
  graceMs: number;
  /** asked when the grace period ends: a client listening through another instance keeps it alive */
  listenedElsewhere?: () => Promise<boolean>;
}

/**
 * One model call, owned by the server rather than by a subscription: it buffers its events so any
 * number of subscribers (a StrictMode double mount, a reconnect) can attach and replay from an event
 * id, and it is aborted once nobody has listened for `graceMs` (here or, when asked, elsewhere).
 */
export class Generation {
  /**
   * The answer so far, for subscribers to replay: token i's text, its id being i, then the final
   * event (id: the number of tokens). Texts alone, not event objects and id strings, which would
   * more than double what a running answer keeps per token; subscribers get those made afresh.
   */
  private readonly tokens: string[] = [];
  private final: ChatEvent | null = null;
  private readonly controller = new AbortController();
  private readonly waiters = new Set<() => void>();
  private readonly deliveryWaiters = new Set<() => void>();
  private wakeScheduled = false;
  private subscribers = 0;
  private graceTimer: NodeJS.Timeout | undefined;
  readonly finished: Promise<void>;

  constructor(
    run: GenerationRun,
    private readonly options: GenerationOptions,
  ) {
    this.finished = run(this.controller.signal, (event) => this.push(event));
    this.startGraceTimer(); // nobody has subscribed yet
  }

  get done(): boolean {
    return this.final !== null;
  }

  /** Ends the model call; the run settles usage and emits its final event. */
  stop(reason = 'stopped'): void {
    this.controller.abort(reason);
  }

  /** Resolves once the final event is out and every subscriber has taken it (or left). */
  delivered(): Promise<void> {
    if (this.done && this.subscribers === 0) return Promise.resolve();
    return new Promise((resolve) => this.deliveryWaiters.add(resolve));
  }

  /**
   * Events after `afterId` (all when absent), live until the final one or until `signal` aborts.
   *
   * Tokens are coalesced: after the first, the subscriber is woken once the microtasks queued with a
   * token have run, and the tokens buffered by then go out as one token event (bounded by
   * MAX_COALESCED_CHARS) whose id is the id of the last token in it. Ids stay increasing, and a resume after an id is exact: the
   * client has every token up to that one, and gets every token after it.
   *
   * `listening: false` reads without keeping the answer alive (a copy to other instances).
   * `coalesce: false` gives every token as its own event: a copy from which a client may resume
   * after any id it was given must not group tokens differently from what that client received.
   */
  async *subscribe(
    afterId?: string,
    signal?: AbortSignal,
    { listening = true, coalesce = true }: { listening?: boolean; coalesce?: boolean } = {},
  ): AsyncGenerator<TrackedChatEvent> {
    if (listening) {
      this.subscribers += 1;
      clearTimeout(this.graceTimer);
    }
    let wake: (() => void) | undefined;
    const onAbort = () => wake?.();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      let next = afterId === undefined ? 0 : Number(afterId) + 1;
      for (;;) {
        while (next < this.tokens.length) {
          const last = coalesce ? this.lastTokenToCoalesce(next) : next;
          const content =
            last === next
              ? (this.tokens[next] as string)
              : this.tokens.slice(next, last + 1).join('');
          yield { id: String(last), event: { type: 'token', content } };
          next = last + 1;
        }
        if (this.final !== null && next === this.tokens.length) {
          yield { id: String(next), event: this.final };
          return;
        }
        // A resume at or past the final event has nothing left to wait for.
        if (this.done || signal?.aborted) return;
        await new Promise<void>((resolve) => {
          wake = resolve;
          this.waiters.add(resolve);
        });
        if (wake) this.waiters.delete(wake);
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      if (listening) this.subscribers -= 1;
      if (listening && this.subscribers === 0) {
        if (this.done) this.notifyDelivered();
        else this.startGraceTimer();
      }
    }
  }

  /** The index of the last buffered token that joins the one at `first` in one event. */
  private lastTokenToCoalesce(first: number): number {
    let last = first;
    let length = (this.tokens[first] as string).length;
    for (let i = first + 1; i < this.tokens.length; i++) {
      const text = this.tokens[i] as string;
      if (length + text.length > MAX_COALESCED_CHARS) break;
      length += text.length;
      last = i;
    }
    return last;
  }

  private push(event: ChatEvent): void {
    if (this.final !== null) return; // nothing follows the final event
    if (event.type !== 'token') {
      this.final = event;
      this.wakeSubscribers();
      clearTimeout(this.graceTimer);
      if (this.subscribers === 0) this.notifyDelivered();
      return;
    }
    this.tokens.push(event.content);
    if (this.tokens.length === 1) {
      // The first token goes out at once: it is what the athlete waits for, and the rest of this
      // turn can be long (a burst from the model, then the embedded database's synchronous work).
      this.wakeSubscribers();
    } else if (!this.wakeScheduled) {
      // Once this turn's microtasks have run: the tokens of one read from the model leave together,
      // and in the same I/O phase they arrived in, ahead of the sends' work the check phase runs
      // (see TurnPacer), which an immediate would wait behind.
      this.wakeScheduled = true;
      process.nextTick(() => {
        this.wakeScheduled = false;
        this.wakeSubscribers();
      });
    }
  }

  private wakeSubscribers(): void {
    for (const waiter of this.waiters) waiter();
    this.waiters.clear();
  }

  private notifyDelivered(): void {
    for (const resolve of this.deliveryWaiters) resolve();
    this.deliveryWaiters.clear();
  }

  private startGraceTimer(): void {
    clearTimeout(this.graceTimer);
    this.graceTimer = setTimeout(() => void this.graceOver(), this.options.graceMs);
    this.graceTimer.unref();
  }

  private async graceOver(): Promise<void> {
    const elsewhere = (await this.options.listenedElsewhere?.().catch(() => false)) ?? false;
    // A subscriber may have come, or the answer ended, while the question was out.
    if (this.subscribers > 0 || this.done) return;
    if (elsewhere) this.startGraceTimer();
    else this.stop('no listener');
  }
}
