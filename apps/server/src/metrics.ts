import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AnswerRecord, ChatObserver, ChatRefusal } from '@coach/chat';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Seconds to the model's first word: the first-token timeout is 10 s by default. */
const FIRST_TOKEN_BUCKETS = [0.1, 0.25, 0.5, 1, 2, 3, 5, 10, 20];

export interface AppMetrics {
  /** this app's own registry (never prom-client's global one: several apps may share a process) */
  registry: Registry;
  /** what the chat service reports to */
  chatObserver: ChatObserver;
  /** `GET /metrics`: the registry in Prometheus text format, to the bearer of the token only */
  handler(token: string): (request: IncomingMessage, response: ServerResponse) => Promise<void>;
}

/**
 * The product's metrics: answers by outcome, tokens by kind, time to first token, answers in
 * progress, refusals. `activeAnswers` is read at each scrape.
 */
export function createMetrics(activeAnswers: () => number): AppMetrics {
  const registry = new Registry();
  const registers = [registry];
  const answers = new Counter({
    name: 'coach_chat_answers_total',
    help: 'Finished chat answers by outcome (done, stopped, interrupted, error), error kind and whether the offline coach gave them',
    labelNames: ['outcome', 'error_kind', 'offline'] as const,
    registers,
  });
  const tokens = new Counter({
    name: 'coach_chat_tokens_total',
    help: 'Tokens billed by the model, by kind (input: uncached input, cache_read, cache_write, output)',
    labelNames: ['kind'] as const,
    registers,
  });
  const firstToken = new Histogram({
    name: 'coach_chat_time_to_first_token_seconds',
    help: "Time from an answer's start to its first word",
    labelNames: ['offline'] as const,
    buckets: FIRST_TOKEN_BUCKETS,
    registers,
  });
  const refusals = new Counter({
    name: 'coach_chat_refusals_total',
    help: 'Chat messages refused before an answer started, by reason (daily_limit, stream_cap)',
    labelNames: ['reason'] as const,
    registers,
  });
  new Gauge({
    name: 'coach_chat_active_streams',
    help: 'Chat answers in progress on this instance',
    registers,
    collect() {
      this.set(activeAnswers());
    },
  });
  // Every series exists from the start, so a rate over it is defined before its first event.
  for (const kind of ['input', 'cache_read', 'cache_write', 'output']) tokens.inc({ kind }, 0);
  for (const reason of ['daily_limit', 'stream_cap'] satisfies ChatRefusal[]) {
    refusals.inc({ reason }, 0);
  }

  const chatObserver: ChatObserver = {
    answerFinished(record: AnswerRecord) {
      const offline = String(record.offline);
      answers.inc({ outcome: record.outcome, error_kind: record.errorKind ?? '', offline });
      tokens.inc({ kind: 'input' }, record.inputTokens);
      tokens.inc({ kind: 'cache_read' }, record.cacheReadTokens);
      tokens.inc({ kind: 'cache_write' }, record.cacheWriteTokens);
      tokens.inc({ kind: 'output' }, record.outputTokens);
      if (record.timeToFirstTokenMs !== null) {
        firstToken.observe({ offline }, record.timeToFirstTokenMs / 1000);
      }
    },
    refused(reason) {
      refusals.inc({ reason });
    },
  };

  return {
    registry,
    chatObserver,
    handler(token) {
      const expected = digest(token);
      return async (request, response) => {
        const given = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1] ?? '';
        if (!timingSafeEqual(digest(given), expected)) {
          response.writeHead(401, {
            'content-type': 'application/json',
            'www-authenticate': 'Bearer realm="metrics"',
          });
          response.end(JSON.stringify({ error: 'Unauthorized' }));
          return;
        }
        const body = await registry.metrics();
        response.writeHead(200, { 'content-type': registry.contentType });
        response.end(body);
      };
    },
  };
}

/** Compared as digests: equal lengths, and the time taken says nothing about the token. */
const digest = (text: string) => createHash('sha256').update(text).digest();
