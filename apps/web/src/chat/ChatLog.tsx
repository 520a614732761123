import { useLayoutEffect, useRef } from 'react';
import { BasedOn } from './BasedOn';
import { CoachProposal } from './CoachProposal';
import type { Turn } from './chat-state';
import { Markdown } from './Markdown';
import { RememberedNote } from './RememberedNote';

/** How close to the bottom (px) the list must be for new text to keep it scrolled down. */
const STICK_TO_BOTTOM_PX = 48;

/**
 * The conversation: the universe's intro, then each question and its answer. It follows new text
 * to the bottom unless the athlete has scrolled up to read, or `followRequest` changes (a send).
 */
export function ChatLog({
  intro,
  turns,
  streaming,
  visible,
  followRequest,
}: {
  intro: string | null;
  turns: readonly Turn[];
  streaming: boolean;
  visible: boolean;
  /** changes whenever the athlete sends: the log scrolls back down to follow the answer */
  followRequest: unknown;
}) {
  const logRef = useRef<HTMLDivElement>(null);
  const stickToBottom = useRef(true);

  // A new send (a new request id) re-sticks the log to the bottom.
  useLayoutEffect(() => {
    stickToBottom.current = true;
  }, [followRequest]);

  const lastTurn = turns.at(-1);
  const scrollMark = `${turns.length}:${lastTurn?.answer.length ?? 0}:${lastTurn?.status}:${intro?.length ?? 0}:${visible}`;
  useLayoutEffect(() => {
    const log = logRef.current;
    if (log && scrollMark && stickToBottom.current) log.scrollTop = log.scrollHeight;
  }, [scrollMark]);

  const onScroll = () => {
    const log = logRef.current;
    if (!log) return;
    stickToBottom.current =
      log.scrollHeight - log.scrollTop - log.clientHeight <= STICK_TO_BOTTOM_PX;
  };

  return (
    <div
      ref={logRef}
      className="chat-messages"
      role="log"
      aria-live="polite"
      aria-busy={streaming}
      aria-label="Conversation with your coach"
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling log must be reachable by keyboard (Safari does not focus scrollers by itself)
      tabIndex={0}
      onScroll={onScroll}
    >
      {intro && (
        <div
          className="chat-message intro"
          data-testid="chat-message"
          data-role="assistant"
          data-intro="true"
        >
          {intro}
        </div>
      )}
      {turns.map((turn) => (
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
          {turn.status === 'done' && (
            <BasedOn facts={turn.basedOn} unsupportedNumbers={turn.unsupportedNumbers} />
          )}
          {turn.remembered && <RememberedNote remembered={turn.remembered} />}
          {turn.proposal && <CoachProposal proposal={turn.proposal} />}
        </div>
      ))}
    </div>
  );
}
