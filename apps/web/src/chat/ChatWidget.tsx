import { getUniverseIntro, SUGGESTED_QUESTIONS, type Universe } from '@coach/prompts/universes';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getQueryKey } from '@trpc/react-query';
import { useCallback, useContext, useId, useReducer, useRef, useState } from 'react';
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
import { type ChatTransport, ChatTransportContext, useTrpcChatTransport } from './transport';
import { UniverseSelector } from './UniverseSelector';
import { useChatStream } from './useChatStream';
import { usePanelFocus } from './usePanelFocus';
import './ChatWidget.css';

/** tRPC's own cache keys, so the widget shares the cache with any `trpc.chat.*.useQuery`. */
const USAGE_KEY = getQueryKey(trpc.chat.usage, undefined, 'query');
const introKey = (universe: Universe) => getQueryKey(trpc.chat.intro, { universe }, 'query');

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

  useChatStream(transport, state.request, dispatch, refreshUsage);

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
