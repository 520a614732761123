import type { Server } from 'node:http';
import { type ApiDependencies, appRouter, athleteContextChanged, chatMemory } from '@coach/api';
import { sessionId } from '@coach/auth';
import { type AnswerBus, ChatService, localAnswers } from '@coach/chat';
import { Cluster } from '@coach/cluster';
import { CoachingDays } from '@coach/coaching-runs';
import type { Config } from '@coach/config';
import { ContextManager } from '@coach/context';
import type { Database } from '@coach/db';
import { createAnthropicModel } from '@coach/llm';
import { createRateLimiter } from '@coach/rate-limiter';
import { applyWSSHandler } from '@trpc/server/adapters/ws';
import { WebSocketServer } from 'ws';
import { ACTIVITY_UPLOAD_PATH, createActivityUploadHandler } from './activity-upload';
import { clientIp } from './forwarded';
import { createHttpServer } from './http';
import { closeWhenIdle } from './idle-websockets';
import type { Logger } from './logger';
import { type AppMetrics, createMetrics } from './metrics';
import { createRequestContext } from './request-context';
import { SessionSockets } from './session-sockets';
import { startSweeps } from './sweeps';
import { createTrpcHttpHandler } from './trpc-http';
import { createWebAppHandler } from './web-app';
import { WebSocketLimit } from './websocket-limit';

export interface App {
  server: Server;
  deps: ApiDependencies;
  wss: WebSocketServer;
  /** this app's metrics registry and what feeds it */
  metrics: AppMetrics;
  /** resolves once what the app shares with other instances (Redis) is reachable */
  ready(): Promise<void>;
  /** stops taking requests, ends the answers in flight with their usage settled */
  close(): Promise<void>;
}

/** Wires the product together: dependencies, tRPC over HTTP and WebSocket on one server. */
export interface AppOptions {
  /** how long an answer nobody listens to keeps running (tests shorten it) */
  chatGraceMs?: number;
  /** how often a WebSocket's session is checked again in the database (tests shorten it) */
  sessionRecheckMs?: number;
}

/**
 * A WebSocket's session is checked in the database at most this often, when sign-outs reach every
 * instance's sockets (see VerifiedSession); it bounds how long a lost sign-out message goes unseen.
 */
const SESSION_RECHECK_MS = 30_000;

export function createApp(
  config: Config,
  database: Database,
  logger: Logger,
  { chatGraceMs, sessionRecheckMs = SESSION_RECHECK_MS }: AppOptions = {},
): App {
  const { prisma } = database;
  const limiter = createRateLimiter({
    prisma,
    limits: {
      dailyInputTokens: config.chat.dailyInputLimit,
      dailyOutputTokens: config.chat.dailyOutputLimit,
      dailyMessages: config.chat.dailyMessageLimit,
    },
  });
  const contexts = new ContextManager({ prisma, logger });
  const sessionSockets = new SessionSockets();
  // Several instances share answers, cache invalidations and sign-outs through Redis; one alone, nothing.
  const cluster = config.redis
    ? new Cluster({
        ...config.redis,
        logger,
        onAthleteChanged: (userId) => contexts.clearUserCache(userId),
        onSignedOut: (id) => sessionSockets.ended(id),
      })
    : null;
  // A sign-out closes the session's sockets wherever they are: on the one instance an embedded
  // database allows, or through Redis. Several instances on PostgreSQL without Redis cannot tell
  // each other, so there each operation on a socket asks the database.
  const signOutsReachEverySocket = !config.databaseUrl || cluster !== null;
  const answers: AnswerBus = cluster?.answers ?? localAnswers;
  const model = config.anthropic.apiKey
    ? createAnthropicModel({
        apiKey: config.anthropic.apiKey,
        baseURL: config.anthropic.baseUrl,
        model: config.chat.model,
        firstTokenTimeoutMs: config.chat.firstTokenTimeoutMs,
        logger,
      })
    : null;
  if (!model) logger.info('no ANTHROPIC_API_KEY: the offline coach answers');
  const metrics = createMetrics(() => chat.activeAnswers());
  const chat: ChatService = new ChatService({
    contexts,
    limiter,
    model,
    settings: config.chat,
    logger,
    graceMs: chatGraceMs ?? config.chat.reconnectGraceMs,
    observer: metrics.chatObserver,
    answers,
    // "Remember that …" saves through the same change every memory edit makes (deps is set below).
    memory: chatMemory(() => deps),
    database: prisma,
  });
  const deps: ApiDependencies = {
    prisma,
    chat,
    limiter,
    contexts,
    athleteChanges: {
      announce: async (userId) => cluster?.announceAthleteChanged(userId),
    },
    // A narrative written after the chat cached its context reaches the chat at once.
    coaching: new CoachingDays(prisma, logger, config.coachingNarratives ? model : null, (userId) =>
      athleteContextChanged(deps, userId),
    ),
    logger,
    timezoneChangeIntervalMs: config.timezoneChangeIntervalMs,
    uploadLimits: config.upload,
    sessions: {
      ended: (token) => {
        const id = sessionId(token);
        sessionSockets.ended(id);
        void cluster?.announceSignedOut(id);
      },
    },
  };

  const trpcHttp = createTrpcHttpHandler(deps, config, config.http);
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const webSocketContext = {
    ...config,
    sessionRecheckMs: signOutsReachEverySocket ? sessionRecheckMs : null,
  };
  const trpcWs = applyWSSHandler({
    wss,
    router: appRouter,
    createContext: async ({ req, res }) => {
      const context = await createRequestContext(deps, webSocketContext, req, null, res);
      if (!context.sessionToken) return context;
      return { ...context, sessionEnded: sessionSockets.add(sessionId(context.sessionToken), res) };
    },
    keepAlive: { enabled: true, pingMs: 30_000, pongWaitMs: 5_000 },
  });
  wss.on('connection', (socket) => closeWhenIdle(socket, config.webSocket.idleTimeoutMs));
  const server = createHttpServer({
    database,
    logger,
    trpcHttp,
    activityUpload: {
      path: ACTIVITY_UPLOAD_PATH,
      handle: createActivityUploadHandler(deps, config, config.upload),
    },
    wss,
    webSocketLimit: new WebSocketLimit(
      config.webSocket.maxPerAddress,
      (request) => clientIp(request, config.trustProxyHops),
      logger,
    ),
    webApp: createWebAppHandler(),
    ...(config.metricsToken ? { metrics: metrics.handler(config.metricsToken) } : {}),
  });

  const stopSweeps = startSweeps({ prisma, limiter, logger });

  return {
    server,
    deps,
    wss,
    metrics,
    ready: async () => cluster?.ready(),
    close: async () => {
      stopSweeps();
      server.close();
      // Answers end first: their final events reach the clients before anyone is told to go.
      await chat.shutdown();
      await deps.coaching.narrativesWritten();
      trpcWs.broadcastReconnectNotification();
      for (const client of wss.clients) client.close(1001, 'server shutting down');
      server.closeAllConnections();
      await cluster?.close();
    },
  };
}
