import { getUniverseIntro, SUGGESTED_QUESTIONS, type Universe } from '@coach/prompts/universes';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getQueryKey } from '@trpc/react-query';
import { useCallback, useContext, useEffect, useId, useReducer, useRef, useState } from 'react';
import { trpc } from '../trpc';
import { ChatComposer } from './ChatComposer';
import { ChatLog } from './ChatLog';
import {
  chatReducer,
  initialChatState,
  isStreaming,
  newRequestId,
  retryableTurn,
} from './chat-state';
import { EarlierConversations } from './EarlierConversations';
import {
  forgetAllConversations,
  rememberConversation,
  rememberedConversation,
} from './remembered-conversation';
import { type ChatTransport, ChatTransportContext, useTrpcChatTransport } from './transport';
import { UniverseSelector } from './UniverseSelector';
import { useChatStream } from './useChatStream';
import { usePanelFocus } from './usePanelFocus';
import './ChatWidget.css';

/** tRPC's own cache keys, so the widget shares the cache with any `trpc.chat.*.useQuery`. */
const USAGE_KEY = getQueryKey(trpc.chat.usage, undefined, 'query');
const introKey = (universe: Universe) => getQueryKey(trpc.chat.intro, { universe }, 'query');
const CONVERSATIONS_KEY = getQueryKey(trpc.conversations.list, undefined, 'query');

/**
 * "Ask Your Coach": a floating chat that streams the coach's answers. Renders with no props;
 * talks to the server through tRPC unless a <ChatTransportProvider> above it says otherwise.
 */
export function ChatWidget() {
  const injected = useContext(ChatTransportContext);
  return injected ? <ChatWidgetView transport={injected} /> : <TrpcChatWidget />;
}

function TrpcChatWidget() {
  return <ChatWidgetView transport={useTrpcChatTransport()} />;
}

/** The widget's state and queries; its parts render the selector, the log and the composer. */
function ChatWidgetView({ transport }: { transport: ChatTransport }) {
  const [expanded, setExpanded] = useState(false);
  /** queries wait for the first opening, as the plan loads intro and usage on expand */
  const [opened, setOpened] = useState(false);
  const [state, dispatch] = useReducer(chatReducer, undefined, () => initialChatState());
  const streaming = isStreaming(state);
  const { universe } = state;

  const queryClient = useQueryClient();
  const intro = useQuery({
    queryKey: introKey(universe),
    queryFn: async () => ({ intro: await transport.intro(universe) }),
    enabled: opened,
    staleTime: Number.POSITIVE_INFINITY,
  });
  const usage = useQuery({
    queryKey: USAGE_KEY,
    queryFn: () => transport.usage(),
    enabled: opened,
  });
  const refreshUsage = useCallback(() => {
    void queryClient.invalidateQueries({ queryKey: USAGE_KEY });
  }, [queryClient]);

  const [showEarlier, setShowEarlier] = useState(false);
  const earlier = useQuery({
    queryKey: CONVERSATIONS_KEY,
    queryFn: () => transport.conversations(),
    enabled: showEarlier,
  });
  const answerFinished = useCallback(() => {
    refreshUsage();
    void queryClient.invalidateQueries({ queryKey: CONVERSATIONS_KEY });
  }, [queryClient, refreshUsage]);

  useChatStream(transport, state.request, dispatch, answerFinished);

  // The current conversation of each universe is remembered, and reopened after a reload or when
  // the athlete comes back to its universe (unless they have started talking meanwhile).
  useEffect(() => {
    if (state.conversationId !== null) rememberConversation(universe, state.conversationId);
  }, [universe, state.conversationId]);
  useEffect(() => {
    const id = opened ? rememberedConversation(universe) : null;
    if (id === null) return;
    transport.conversation(id).then(
      (conversation) => {
        if (conversation) dispatch({ type: 'open', conversation, ifEmpty: true });
        else rememberConversation(universe, null);
      },
      () => {},
    );
  }, [transport, opened, universe]);

  const openSaved = (id: number) => {
    setShowEarlier(false);
    void transport.conversation(id).then((conversation) => {
      if (!conversation) return;
      rememberConversation(conversation.universe, conversation.id);
      dispatch({ type: 'open', conversation });
    });
  };
  const startNew = () => {
    rememberConversation(universe, null);
    dispatch({ type: 'newConversation' });
  };
  const deleteSaved = (id: number) => {
    if (id === state.conversationId) startNew();
    const refresh = () => queryClient.invalidateQueries({ queryKey: CONVERSATIONS_KEY });
    transport.deleteConversation(id).then(refresh, refresh);
  };
  const deleteAll = () => {
    forgetAllConversations();
    dispatch({ type: 'newConversation' });
    const refresh = () => queryClient.invalidateQueries({ queryKey: CONVERSATIONS_KEY });
    transport.deleteAllConversations().then(refresh, refresh);
  };

  const ids = useId();
  const panelId = `${ids}-panel`;
  const toggleRef = useRef<HTMLButtonElement>(null);
  const inputRef = useRef<HTMLTextAreaElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const close = useCallback(() => setExpanded(false), []);
  usePanelFocus({ panelRef, toggleRef, inputRef, expanded, streaming, close });

  const send = (text: string) => {
    if (streaming || !text.trim()) return false;
    dispatch({ type: 'send', text, requestId: newRequestId() });
    return true;
  };

  const stop = () => {
    const requestId = state.request?.requestId;
    if (!requestId) return;
    dispatch({ type: 'stop', requestId });
    transport.stop(requestId).then(refreshUsage, refreshUsage);
  };

  const retry = () => dispatch({ type: 'retry', requestId: newRequestId() });

  const toggle = () => {
    setOpened(true);
    setExpanded((open) => !open);
  };

  const introText = intro.data?.intro ?? (intro.isError ? getUniverseIntro(universe) : null);
  const canRetry = retryableTurn(state) !== undefined;
  const usageData = usage.data;
  const answeredOffline = state.turns.at(-1)?.offline === true;

  return (
    <section
      className={`chat-widget ${expanded ? 'expanded' : 'collapsed'}`}
      aria-label="Ask Your Coach"
    >
      <button
        ref={toggleRef}
        type="button"
        className="chat-header"
        data-testid="chat-toggle"
        aria-expanded={expanded}
        aria-controls={panelId}
        onClick={toggle}
      >
        <span className="chat-title">Ask Your Coach</span>
        <span className="chat-toggle-icon" aria-hidden="true">
          {expanded ? '−' : '+'}
        </span>
      </button>

      <div ref={panelRef} id={panelId} className="chat-body" hidden={!expanded}>
        <UniverseSelector
          id={`${ids}-universe`}
          universe={universe}
          disabled={streaming}
          onChange={(next) => dispatch({ type: 'switchUniverse', universe: next })}
        />

        <div className="chat-conversation-actions">
          <button
            type="button"
            data-testid="chat-new"
            disabled={streaming || state.turns.length === 0}
            onClick={startNew}
          >
            New conversation
          </button>
          <button
            type="button"
            data-testid="chat-earlier-toggle"
            aria-expanded={showEarlier}
            disabled={streaming}
            onClick={() => setShowEarlier((shown) => !shown)}
          >
            Earlier conversations
          </button>
        </div>

        {showEarlier && (
          <EarlierConversations
            conversations={earlier.data}
            currentId={state.conversationId}
            onOpen={openSaved}
            onDelete={deleteSaved}
            onDeleteAll={deleteAll}
          />
        )}

        <ChatLog
          intro={introText}
          turns={state.turns}
          streaming={streaming}
          visible={expanded}
          followRequest={state.request?.requestId}
        />

        {state.turns.length === 0 && (
          <ul className="chat-suggestions" aria-label="Suggested questions">
            {SUGGESTED_QUESTIONS[universe].map((question) => (
              <li key={question}>
                <button type="button" className="chat-suggestion" onClick={() => send(question)}>
                  {question}
                </button>
              </li>
            ))}
          </ul>
        )}

        {state.error && (
          <div className="chat-error" role="alert">
            <span data-testid="chat-error">{state.error.message}</span>
            {canRetry && (
              <button type="button" className="chat-retry" data-testid="chat-retry" onClick={retry}>
                Retry
              </button>
            )}
          </div>
        )}

        <ChatComposer
          id={`${ids}-input`}
          inputRef={inputRef}
          streaming={streaming}
          onSend={send}
          onStop={stop}
        />

        {usageData && (
          <p
            className={`chat-usage${usageData.percentageUsed > 80 ? ' warning' : ''}`}
            data-testid="chat-usage"
          >
            {usageData.messagesUsed} of {usageData.messageLimit} messages used today
            {answeredOffline && ' · Offline answers are free'}
          </p>
        )}
      </div>
    </section>
  );
}
