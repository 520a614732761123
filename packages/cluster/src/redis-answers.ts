import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  type AnswerBus,
  type AnswerKey,
  chatEventSchema,
  isFinal,
  type SharedAnswer,
  type TrackedChatEvent,
} from '@coach/chat';
import type { Logger } from '@coach/config';
import type { Redis } from 'ioredis';
import type { ClusterKeys } from './keys';
import { parseMessage } from './messages';

/**
 * An answer's stream keeps at most this many entries (an answer has one per output token and a
 * final one, and CHAT_MAX_RESPONSE_TOKENS is far below it).
 */
const MAX_EVENTS_PER_ANSWER = 20_000;
/** A stream expires this long after its last event: past the longest answer and its replay window. */
const ANSWER_TTL_MS = 10 * 60_000;
/** A follower refreshes its listening key this often; the key lives three times as long. */
const LISTENING_REFRESH_MS = 1000;
const LISTENING_TTL_MS = 3 * LISTENING_REFRESH_MS;
/** How long a follower waits for an answer the database says is running to show its stream. */
const APPEAR_WAIT_MS = 2000;
/** A follower's blocking read returns this often, to notice a giver that is gone. */
const READ_BLOCK_MS = 5000;
/** Each instance refreshes its running mark this often; the mark lives three times as long. */
const INSTANCE_REFRESH_MS = 1000;
const INSTANCE_TTL_MS = 3 * INSTANCE_REFRESH_MS;
/** How long close() waits for the answers this instance gives to be copied out. */
const CLOSE_WAIT_MS = 3000;

/*
 * Stream entry ids: `0-1` marks the answer as started and names the instance giving it (written
 * before its first event, so a follower finds it at once); event n is `1-n`, so a resume after
 * event n reads after `1-n`.
 */
const STARTED_ID = '0-1';
const entryId = (eventId: string) => `1-${eventId}`;
const eventIdOf = (entry: string) => entry.slice(2);

type XReadReply = [key: string, entries: [id: string, fields: string[]][]][] | null;

/**
 * Answers shared through Redis Streams: the instance that gives an answer copies its events into
 * one stream per (athlete, request); another instance that a client reconnects to reads them from
 * there and keeps a listening key alive so the giver does not drop the answer; stop requests go to
 * the giver over pub/sub.
 */
export class RedisAnswers implements AnswerBus {
  /** answers this instance gives, by stream key, for stop requests */
  private readonly given = new Map<string, SharedAnswer>();
  private readonly copying = new Set<Promise<void>>();
  /** the blocking readers of followers, each on a connection of its own */
  private readonly readers = new Set<Redis>();
  /** this instance, as the giver named in its answers' streams */
  private readonly instanceId = randomUUID();
  private readonly instanceMark: NodeJS.Timeout;

  constructor(
    private readonly redis: Redis,
    private readonly keys: ClusterKeys,
    private readonly logger: Logger,
  ) {
    // So that a follower can tell an answer whose giver died (no final event will come).
    const mark = () =>
      this.redis
        .set(this.keys.instance(this.instanceId), '1', 'PX', INSTANCE_TTL_MS)
        .catch(() => undefined);
    void mark();
    this.instanceMark = setInterval(mark, INSTANCE_REFRESH_MS);
    this.instanceMark.unref();
  }

  share(answer: SharedAnswer): void {
    const key = this.keys.answer(answer);
    this.given.set(key, answer);
    const copy = this.copy(key, answer)
      .catch((error: unknown) =>
        this.logger.error(
          { err: error, userId: answer.userId, requestId: answer.requestId },
          'could not share an answer with the other instances',
        ),
      )
      .finally(() => {
        this.given.delete(key);
        this.copying.delete(copy);
      });
    this.copying.add(copy);
  }

  private async copy(key: string, answer: SharedAnswer): Promise<void> {
    await this.append(key, STARTED_ID, 'started', this.instanceId);
    // One entry per event, as the giver numbered them: a client resumes here after the id of
    // whatever group of tokens it last received, so entries must not group them differently.
    for await (const { id, event } of answer.events) {
      await this.append(key, entryId(id), 'event', JSON.stringify(event));
    }
  }

  private async append(key: string, id: string, field: string, value: string): Promise<void> {
    await this.redis
      .multi()
      .xadd(key, 'MAXLEN', '~', MAX_EVENTS_PER_ANSWER, id, field, value)
      .pexpire(key, ANSWER_TTL_MS)
      .exec();
  }

  /** A stop request from another instance, for an answer this one may give. */
  stopGiven(key: AnswerKey): void {
    this.given.get(this.keys.answer(key))?.stop();
  }

  async follow(
    key: AnswerKey,
    afterId: string | undefined,
    signal: AbortSignal | undefined,
    running: boolean,
  ): Promise<AsyncIterable<TrackedChatEvent> | null> {
    const stream = this.keys.answer(key);
    const deadline = Date.now() + (running ? APPEAR_WAIT_MS : 0);
    while ((await this.redis.exists(stream)) === 0) {
      if (Date.now() >= deadline || signal?.aborted) return null;
      await sleep(50);
    }
    return this.read(stream, key, afterId, signal);
  }

  /** The stream's events after `afterId`, until the final one, the stream's expiry, or `signal`. */
  private async *read(
    stream: string,
    key: AnswerKey,
    afterId: string | undefined,
    signal: AbortSignal | undefined,
  ): AsyncGenerator<TrackedChatEvent> {
    const listening = this.keys.listening(key);
    const listen = () =>
      this.redis.set(listening, '1', 'PX', LISTENING_TTL_MS).catch(() => undefined);
    await listen();
    const heartbeat = setInterval(listen, LISTENING_REFRESH_MS);
    // A blocking read holds its connection until it returns; closing it is how `signal` ends it.
    const reader = this.redis.duplicate();
    this.readers.add(reader);
    const onAbort = () => reader.disconnect();
    signal?.addEventListener('abort', onAbort, { once: true });
    let after = afterId === undefined ? STARTED_ID : entryId(afterId);
    try {
      while (!signal?.aborted) {
        let reply: XReadReply;
        try {
          reply = (await reader.xread(
            'COUNT',
            100,
            'BLOCK',
            READ_BLOCK_MS,
            'STREAMS',
            stream,
            after,
          )) as XReadReply;
        } catch (error) {
          if (signal?.aborted || reader.status === 'end') return;
          throw error;
        }
        if (!reply) {
          // Nothing new for a while: the giver may have died, or its stream expired.
          if (!(await this.giverRuns(stream))) return;
          continue;
        }
        for (const [id, fields] of reply[0]?.[1] ?? []) {
          after = id;
          if (fields[0] !== 'event' || fields[1] === undefined) continue;
          const event = parseMessage(chatEventSchema, fields[1]);
          if (!event) {
            this.logger.warn({ ...key }, 'an unreadable answer event in Redis');
            return;
          }
          yield { id: eventIdOf(id), event };
          if (isFinal(event)) return;
        }
      }
    } finally {
      clearInterval(heartbeat);
      signal?.removeEventListener('abort', onAbort);
      this.readers.delete(reader);
      reader.disconnect();
    }
  }

  private async giverRuns(stream: string): Promise<boolean> {
    const [started] = await this.redis.xrange(stream, STARTED_ID, STARTED_ID);
    const giver = started?.[1][1];
    return giver !== undefined && (await this.redis.exists(this.keys.instance(giver))) === 1;
  }

  async listenedElsewhere(key: AnswerKey): Promise<boolean> {
    return (await this.redis.exists(this.keys.listening(key))) === 1;
  }

  async requestStop(key: AnswerKey): Promise<boolean> {
    const last = await this.redis.xrevrange(this.keys.answer(key), '+', '-', 'COUNT', 1);
    const [, fields] = last[0] ?? [];
    if (!fields) return false;
    if (fields[0] === 'event' && fields[1] !== undefined) {
      const event = parseMessage(chatEventSchema, fields[1]);
      if (!event || isFinal(event)) return false;
    }
    await this.redis.publish(this.keys.stopChannel, JSON.stringify(key));
    return true;
  }

  /** Waits (briefly) until the answers this instance gives are copied out; ends the followers. */
  async close(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all(this.copying),
      new Promise((resolve) => {
        timer = setTimeout(resolve, CLOSE_WAIT_MS);
      }),
    ]);
    clearTimeout(timer);
    for (const reader of this.readers) reader.disconnect();
    clearInterval(this.instanceMark);
    await this.redis.del(this.keys.instance(this.instanceId)).catch(() => undefined);
  }
}
