import { MAX_MESSAGE_CHARS } from '@coach/prompts/universes';
import { type KeyboardEvent, type RefObject, useState } from 'react';

/** The question box: Enter sends, Shift+Enter adds a line; Stop while an answer streams. */
export function ChatComposer({
  id,
  inputRef,
  streaming,
  onSend,
  onStop,
}: {
  id: string;
  inputRef: RefObject<HTMLTextAreaElement | null>;
  streaming: boolean;
  /** false when the text was not sent (the draft is then kept) */
  onSend: (text: string) => boolean;
  onStop: () => void;
}) {
  const [draft, setDraft] = useState('');

  const sendDraft = () => {
    if (onSend(draft)) setDraft('');
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Enter' || event.shiftKey || event.nativeEvent.isComposing) return;
    event.preventDefault();
    sendDraft();
  };

  return (
    <form
      className="chat-input-area"
      onSubmit={(event) => {
        event.preventDefault();
        sendDraft();
      }}
    >
      <label htmlFor={id} className="visually-hidden">
        Your question
      </label>
      <textarea
        ref={inputRef}
        id={id}
        data-testid="chat-input"
        rows={1}
        maxLength={MAX_MESSAGE_CHARS}
        placeholder="Type your question..."
        aria-describedby={`${id}-hint`}
        value={draft}
        disabled={streaming}
        onChange={(event) => setDraft(event.target.value)}
        onKeyDown={onKeyDown}
      />
      <span id={`${id}-hint`} className="visually-hidden">
        Enter sends, Shift+Enter adds a line.
      </span>
      {streaming && (
        <button type="button" className="chat-stop" data-testid="chat-stop" onClick={onStop}>
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
  );
}
