import {
  getUniverseIntro,
  SUGGESTED_QUESTIONS,
  UNIVERSE_LABELS,
  UNIVERSES,
  type Universe,
} from '@coach/prompts/universes';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { getQueryKey } from '@trpc/react-query';
import {
  type KeyboardEvent,
  useCallback,
  useContext,
  useEffect,
  useId,
  useLayoutEffect,
  useReducer,
  useRef,
  useState,
} from 'react';
import { trpc } from '../trpc';
import {
  chatReducer,
  initialChatState,
  isStreaming,
  MAX_MESSAGE_CHARS,
  newRequestId,
  retryableTurn,
} from './chat-state';
import { Markdown } from './Markdown';
import { type ChatTransport, ChatTransportContext, useTrpcChatTransport } from './transport';
import { useChatStream } from './useChatStream';
import './ChatWidget.css';

/** tRPC's own cache keys, so the widget shares the cache with any `trpc.chat.*.useQuery`. */
const USAGE_KEY = getQueryKey(trpc.chat.usage, undefined, 'query');
const introKey = (universe: Universe) => getQueryKey(trpc.chat.intro, { universe }, 'query');

/** How close to the bottom (px) the list must be for new text to keep it scrolled down. */
const STICK_TO_BOTTOM_PX = 48;

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

function ChatWidgetView({ transport }: { transport: ChatTransport }) {
  const [expanded, setExpanded] = useState(false);
  /** queries wait for the first opening, as the plan loads intro and usage on expand */
  const [opened, setOpened] = useState(false);
  const [state, dispatch] = useReducer(chatReducer, undefined, () => initialChatState());
  const [draft, setDraft] = useState('');
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
  const logRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);
  const panelRef = useRef<HTMLDivElement>(null);

  // Escape inside the panel closes it and gives the focus back to the toggle.
  useEffect(() => {
    const panel = panelRef.current;
    if (!panel) return;
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      setExpanded(false);
      toggleRef.current?.focus();
    };
    panel.addEventListener('keydown', onKeyDown);
    return () => panel.removeEventListener('keydown', onKeyDown);
  }, []);

  // Focus moves to the input when the panel opens.
  useEffect(() => {
    if (expanded) inputRef.current?.focus();
  }, [expanded]);

  // The input is disabled while an answer streams; give it the focus back when it ends, unless
  // the athlete has moved on to something else.
  const wasStreaming = useRef(streaming);
  useEffect(() => {
    const ended = wasStreaming.current && !streaming;
    wasStreaming.current = streaming;
    if (!ended || !expanded) return;
    const active = document.activeElement;
    if (!active || active === document.body || active === inputRef.current) {
      inputRef.current?.focus();
    }
  }, [streaming, expanded]);

  // Auto-scroll to the newest message, unless the athlete has scrolled up to read.
  const lastTurn = state.turns.at(-1);
  const scrollMark = `${state.turns.length}:${lastTurn?.answer.length ?? 0}:${lastTurn?.status}:${intro.data?.intro.length ?? 0}:${expanded}`;
  useLayoutEffect(() => {
    const log = logRef.current;
    if (log && scrollMark && stickToBottom.current) log.scrollTop = log.scrollHeight;
  }, [scrollMark]);

  const onLogScroll = () => {
    const log = logRef.current;
    if (!log) return;
    stickToBottom.current =
      log.scrollHeight - log.scrollTop - log.clientHeight <= STICK_TO_BOTTOM_PX;
  };

  const send = (text: string) => {
    if (streaming || !text.trim()) return false;
    stickToBottom.current = true;
    dispatch({ type: 'send', text, requestId: newRequestId() });
    return true;
  };

  const sendDraft = () => {
    if (send(draft)) setDraft('');
  };

  const stop = () => {
    const requestId = state.request?.requestId;
    if (!requestId) return;
    dispatch({ type: 'stop', requestId });
    transport.stop(requestId).then(refreshUsage, refreshUsage);
  };

  const retry = () => {
    stickToBottom.current = true;
    dispatch({ type: 'retry', requestId: newRequestId() });
  };

  const onInputKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    sendDraft();
  };

  const toggle = () => {
    setOpened(true);
    setExpanded((open) => !open);
  };

  const introText = intro.data?.intro ?? (intro.isError ? getUniverseIntro(universe) : null);
  const canRetry = retryableTurn(state) !== undefined;
  const showSuggestions = state.turns.length === 0;
  const usageData = usage.data;

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
        <div className="chat-universe-selector">
          <label htmlFor={`${ids}-universe`}>Ask about:</label>
          <select
            id={`${ids}-universe`}
            data-testid="chat-universe"
            value={universe}
            disabled={streaming}
            onChange={(event) => {
              const next = UNIVERSES.find((u) => u === event.target.value);
              if (next) dispatch({ type: 'switchUniverse', universe: next });
            }}
          >
            {UNIVERSES.map((u) => (
              <option key={u} value={u}>
                {UNIVERSE_LABELS[u]}
              </option>
            ))}
          </select>
        </div>

        <div
          ref={logRef}
          className="chat-messages"
          role="log"
          aria-live="polite"
          aria-busy={streaming}
          aria-label="Conversation with your coach"
          // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling log must be reachable by keyboard (Safari does not focus scrollers by itself)
          tabIndex={0}
          onScroll={onLogScroll}
        >
          {introText && (
            <div
              className="chat-message intro"
              data-testid="chat-message"
              data-role="assistant"
              data-intro="true"
            >
              {introText}
            </div>
          )}
          {state.turns.map((turn) => (
            <div key={turn.id} className="chat-turn">
              <div className="chat-message user" data-testid="chat-message" data-role="user">
                {turn.question}
              </div>
              {(turn.answer || turn.status === 'streaming') && (
                <div
                  className={`chat-message assistant${turn.status === 'failed' ? ' failed' : ''}`}
                  data-testid="chat-message"
                  data-role="assistant"
                  data-streaming={turn.status === 'streaming' ? 'true' : undefined}
                >
                  {turn.answer ? (
                    <Markdown>{turn.answer}</Markdown>
                  ) : (
                    <span className="chat-streaming-indicator">Coach is typing…</span>
                  )}
                  {turn.status === 'stopped' && <p className="chat-message-note">Stopped.</p>}
                </div>
              )}
            </div>
          ))}
        </div>

        {showSuggestions && (
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

        <form
          className="chat-input-area"
          onSubmit={(event) => {
            event.preventDefault();
            sendDraft();
          }}
        >
          <label htmlFor={`${ids}-input`} className="visually-hidden">
            Your question
          </label>
          <textarea
            ref={inputRef}
            id={`${ids}-input`}
            data-testid="chat-input"
            rows={1}
            maxLength={MAX_MESSAGE_CHARS}
            placeholder="Type your question..."
            aria-describedby={`${ids}-hint`}
            value={draft}
            disabled={streaming}
            onChange={(event) => setDraft(event.target.value)}
            onKeyDown={onInputKeyDown}
          />
          <span id={`${ids}-hint`} className="visually-hidden">
            Enter sends, Shift+Enter adds a line.
          </span>
          {streaming && (
            <button type="button" className="chat-stop" data-testid="chat-stop" onClick={stop}>
              Stop
            </button>
          )}
          <button
            type="submit"
            className="chat-send"
            data-testid="chat-send"
            disabled={streaming || !draft.trim()}
          >
            Send
          </button>
        </form>

        {usageData && (
          <p
            className={`chat-usage${usageData.percentageUsed > 80 ? ' warning' : ''}`}
            data-testid="chat-usage"
          >
            {usageData.messagesUsed} of {usageData.messageLimit} messages used today
          </p>
        )}
      </div>
    </section>
  );
}
