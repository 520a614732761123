import type { Logger } from '@coach/config';
import { Redis } from 'ioredis';
import { ClusterKeys } from './keys';
import { athleteChangedMessage, parseMessage, signedOutMessage, stopMessage } from './messages';
import { RedisAnswers } from './redis-answers';

/** How long start-up waits for Redis before it gives up with a clear message. */
const CONNECT_TIMEOUT_MS = 10_000;

export interface ClusterOptions {
  url: string;
  keyPrefix: string;
  logger: Logger;
  /** an athlete's data changed on some instance (this one included): drop what is cached of them */
  onAthleteChanged(userId: number): void;
  /** a session was signed out on some instance (this one included): close its WebSockets */
  onSignedOut(sessionId: string): void;
}

/**
 * What the server instances behind a load balancer share through Redis: the answers (see
 * RedisAnswers), the news that an athlete's data changed, so that every instance drops its cached
 * context at once, and sign-outs, so that every instance closes the session's WebSockets. Two
 * connections: one for commands, one subscribed to the channels.
 */
export class Cluster {
  readonly answers: RedisAnswers;
  private readonly redis: Redis;
  private readonly subscriber: Redis;
  private readonly keys: ClusterKeys;
  private readonly logger: Logger;
  private readonly subscribed: Promise<unknown>;

  constructor(options: ClusterOptions) {
    this.logger = options.logger;
    this.keys = new ClusterKeys(options.keyPrefix);
    // RESP2 keeps ioredis 5's plain array replies (XREAD's shape in particular).
    this.redis = new Redis(options.url, { protocol: 2, lazyConnect: false });
    this.subscriber = this.redis.duplicate();
    for (const connection of [this.redis, this.subscriber]) {
      // ioredis reconnects by itself; without a listener an error event would end the process.
      connection.on('error', (error) => this.logger.warn({ err: error }, 'Redis connection error'));
    }
    this.answers = new RedisAnswers(this.redis, this.keys, this.logger);
    this.subscriber.on('message', (channel: string, text: string) => {
      if (channel === this.keys.stopChannel) {
        const message = parseMessage(stopMessage, text);
        if (message) this.answers.stopGiven(message);
      } else if (channel === this.keys.athleteChangedChannel) {
        const message = parseMessage(athleteChangedMessage, text);
        if (message) options.onAthleteChanged(message.userId);
      } else if (channel === this.keys.signedOutChannel) {
        const message = parseMessage(signedOutMessage, text);
        if (message) options.onSignedOut(message.sessionId);
      }
    });
    this.subscribed = this.subscriber.subscribe(
      this.keys.stopChannel,
      this.keys.athleteChangedChannel,
      this.keys.signedOutChannel,
    );
  }

  /** Resolves once Redis answers and the channels are subscribed; throws after a while if not. */
  async ready(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`Redis did not answer within ${CONNECT_TIMEOUT_MS / 1000} s`)),
        CONNECT_TIMEOUT_MS,
      );
    });
    try {
      await Promise.race([Promise.all([this.redis.ping(), this.subscribed]), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Tells every instance that an athlete's data changed. A failure is logged, not thrown: the
   * change is saved, and the other instances' caches expire on their own.
   */
  async announceAthleteChanged(userId: number): Promise<void> {
    try {
      await this.redis.publish(this.keys.athleteChangedChannel, JSON.stringify({ userId }));
    } catch (error) {
      this.logger.warn({ err: error, userId }, 'could not tell the other instances of a change');
    }
  }

  /**
   * Tells every instance that a session was signed out. A failure is logged, not thrown: the
   * session is gone from the database, which each instance's WebSockets check again within their
   * recheck time (see VerifiedSession in @coach/api).
   */
  async announceSignedOut(sessionId: string): Promise<void> {
    try {
      await this.redis.publish(this.keys.signedOutChannel, JSON.stringify({ sessionId }));
    } catch (error) {
      this.logger.warn({ err: error }, 'could not tell the other instances of a sign-out');
    }
  }

  /** Waits for the shared answers to be copied out, then closes both connections. */
  async close(): Promise<void> {
    await this.answers.close();
    await Promise.allSettled([this.subscriber.quit(), this.redis.quit()]);
    this.subscriber.disconnect();
    this.redis.disconnect();
  }
}
