import type { TrackedChatEvent } from './events';

/** Which answer: one athlete's send. */
export interface AnswerKey {
  userId: number;
  requestId: string;
}

/** An answer this instance gives, as it is handed to the bus to share. */
export interface SharedAnswer extends AnswerKey {
  /** its events from the first, live, one per token (never grouped); reading them does not count as listening */
  events: AsyncIterable<TrackedChatEvent>;
  /** ends the model call (a stop asked on another instance) */
  stop(): void;
}

/**
 * What server instances share about answers. One instance alone shares nothing (localAnswers);
 * several behind a load balancer share each answer's events, who listens, and stop requests, so a
 * client can resume or stop an answer through any of them while one instance keeps the model call.
 */
export interface AnswerBus {
  /** Shares an answer this instance gives, until its final event is shared. */
  share(answer: SharedAnswer): void;
  /**
   * The events after `afterId` (all when absent) of an answer another instance gives or gave,
   * live until its final event or until `signal` aborts; null when no instance shares it.
   * `running`: the database says it is still being answered, so it may be about to appear.
   */
  follow(
    key: AnswerKey,
    afterId: string | undefined,
    signal: AbortSignal | undefined,
    running: boolean,
  ): Promise<AsyncIterable<TrackedChatEvent> | null>;
  /** True while a client follows the answer through another instance (it must not be dropped). */
  listenedElsewhere(key: AnswerKey): Promise<boolean>;
  /** Asks the instance giving the answer to stop it; true when it is still running somewhere. */
  requestStop(key: AnswerKey): Promise<boolean>;
}

/** One instance on its own: every answer lives in its memory, nothing is shared. */
export const localAnswers: AnswerBus = {
  share: () => {},
  follow: async () => null,
  listenedElsewhere: async () => false,
  requestStop: async () => false,
};
