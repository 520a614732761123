import type { Universe } from '@coach/prompts/universes';
import { TRPCClientError } from '@trpc/client';
import { createContext, createElement, type ReactNode, useMemo } from 'react';
import { trpc } from '../trpc';
import type { ChatEvent, ChatStreamRequest, SavedConversation } from './chat-state';

/** What the usage line shows (a subset of `chat.usage`'s answer). */
export interface ChatUsage {
  messagesUsed: number;
  messageLimit: number;
  /** 0–100: the most used of the three daily limits */
  percentageUsed: number;
}

/** One line of the earlier conversations (a subset of `conversations.list`'s items). */
export interface ConversationSummary {
  id: number;
  universe: Universe;
  title: string;
  updatedAt: string;
}

interface ChatTransportError {
  /** the tRPC error code (e.g. `TOO_MANY_REQUESTS`), or null when no server answered */
  code: string | null;
}

export interface ChatStreamHandlers {
  /** one event of the answer, with its tracked id (`<requestId>:<n>`) when there is one */
  onEvent(event: ChatEvent, eventId?: string): void;
  onError(error: ChatTransportError): void;
  /** the stream ended (normally after its `done` or `error` event) */
  onComplete(): void;
}

/**
 * Everything the widget needs from the server. The default goes through tRPC; tests inject a
 * scripted one with <ChatTransportProvider>.
 */
export interface ChatTransport {
  /** Subscribes to `chat.stream`; returns the unsubscribe. */
  subscribe(input: ChatStreamRequest, handlers: ChatStreamHandlers): () => void;
  /** `chat.stop`: ends the answer of this requestId on the server (its partial text stays). */
  stop(requestId: string): Promise<unknown>;
  intro(universe: Universe): Promise<string>;
  usage(): Promise<ChatUsage>;
  /** `conversations.get`; null when it is gone (deleted, or another account's) */
  conversation(id: number): Promise<SavedConversation | null>;
  conversations(): Promise<ConversationSummary[]>;
  deleteConversation(id: number): Promise<unknown>;
  deleteAllConversations(): Promise<unknown>;
}

export const ChatTransportContext = createContext<ChatTransport | null>(null);

/** Replaces the widget's tRPC transport below it (tests, stories). */
export function ChatTransportProvider(props: { transport: ChatTransport; children?: ReactNode }) {
  return createElement(ChatTransportContext.Provider, { value: props.transport }, props.children);
}

/** The default transport: the vanilla tRPC client of the app's <trpc.Provider>. */
export function useTrpcChatTransport(): ChatTransport {
  const { client } = trpc.useUtils();
  return useMemo(
    (): ChatTransport => ({
      subscribe(input, handlers) {
        const subscription = client.chat.stream.subscribe(input, {
          onData: ({ id, data }) => handlers.onEvent(data, id),
          onError: (error) => handlers.onError({ code: error.data?.code ?? null }),
          onComplete: () => handlers.onComplete(),
        });
        return () => subscription.unsubscribe();
      },
      stop: (requestId) => client.chat.stop.mutate({ requestId }),
      intro: async (universe) => (await client.chat.intro.query({ universe })).intro,
      usage: () => client.chat.usage.query(),
      conversation: (id) =>
        client.conversations.get.query({ id }).catch((error: unknown) => {
          if (error instanceof TRPCClientError && error.data?.code === 'NOT_FOUND') return null;
          throw error;
        }),
      conversations: () => client.conversations.list.query(),
      deleteConversation: (id) => client.conversations.delete.mutate({ id }),
      deleteAllConversations: () => client.conversations.deleteAll.mutate(),
    }),
    [client],
  );
}
