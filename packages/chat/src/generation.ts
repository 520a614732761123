import { type ChatEvent, isFinal, type TrackedChatEvent } from './events';

/** Produces the answer's events; must end with exactly one final event and never throw. */
export type GenerationRun = (
  signal: AbortSignal,
  emit: (event: ChatEvent) => void,
) => Promise<void>;

/**
 * One model call, owned by the server rather than by a subscription: it buffers its events so any
 * number of subscribers (a StrictMode double mount, a reconnect) can attach and replay from an event
 * id, and it is aborted once nobody has listened for `graceMs`.
 */
export class Generation {
  private readonly events: TrackedChatEvent[] = [];
  private readonly controller = new AbortController();
  private readonly waiters = new Set<() => void>();
  private readonly deliveryWaiters = new Set<() => void>();
  private subscribers = 0;
  private graceTimer: NodeJS.Timeout | undefined;
  readonly finished: Promise<void>;

  constructor(
    run: GenerationRun,
    private readonly graceMs: number,
  ) {
    this.finished = run(this.controller.signal, (event) => this.push(event));
    this.startGraceTimer(); // nobody has subscribed yet
  }

  get done(): boolean {
    const last = this.events.at(-1);
    return last !== undefined && isFinal(last.event);
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

  /** Events after `afterId` (all when absent), live until the final one or until `signal` aborts. */
  async *subscribe(afterId?: string, signal?: AbortSignal): AsyncGenerator<TrackedChatEvent> {
    this.subscribers += 1;
    clearTimeout(this.graceTimer);
    let wake: (() => void) | undefined;
    const onAbort = () => wake?.();
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      let next = afterId === undefined ? 0 : Number(afterId) + 1;
      for (;;) {
        for (; next < this.events.length; next++) {
          const tracked = this.events[next];
          if (!tracked) break;
          yield tracked;
          if (isFinal(tracked.event)) return;
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
      this.subscribers -= 1;
      if (this.subscribers === 0) {
        if (this.done) this.notifyDelivered();
        else this.startGraceTimer();
      }
    }
  }

  private push(event: ChatEvent): void {
    this.events.push({ id: String(this.events.length), event });
    for (const waiter of this.waiters) waiter();
    this.waiters.clear();
    if (isFinal(event)) {
      clearTimeout(this.graceTimer);
      if (this.subscribers === 0) this.notifyDelivered();
    }
  }

  private notifyDelivered(): void {
    for (const resolve of this.deliveryWaiters) resolve();
    this.deliveryWaiters.clear();
  }

  private startGraceTimer(): void {
    clearTimeout(this.graceTimer);
    this.graceTimer = setTimeout(() => this.stop('no listener'), this.graceMs);
    this.graceTimer.unref();
  }
}
