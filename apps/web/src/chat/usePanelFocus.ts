import { type RefObject, useEffect, useRef } from 'react';

/**
 * Keyboard focus for the chat panel: Escape closes it and returns to the toggle; opening it focuses
 * the input; when an answer ends, the input (disabled while streaming) gets the focus back unless
 * the athlete has moved on to something else.
 */
export function usePanelFocus({
  panelRef,
  toggleRef,
  inputRef,
  expanded,
  streaming,
  close,
}: {
  panelRef: RefObject<HTMLElement | null>;
  toggleRef: RefObject<HTMLElement | null>;
  inputRef: RefObject<HTMLElement | null>;
  expanded: boolean;
  streaming: boolean;
  close: () => void;
}): void {
  useEffect(() => {
    const panel = panelRef.current;
    if (!panel) return;
    const onKeyDown = (event: globalThis.KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.stopPropagation();
      close();
      toggleRef.current?.focus();
    };
    panel.addEventListener('keydown', onKeyDown);
    return () => panel.removeEventListener('keydown', onKeyDown);
  }, [panelRef, toggleRef, close]);

  useEffect(() => {
    if (expanded) inputRef.current?.focus();
  }, [expanded, inputRef]);

  const wasStreaming = useRef(streaming);
  useEffect(() => {
    const ended = wasStreaming.current && !streaming;
    wasStreaming.current = streaming;
    if (!ended || !expanded) return;
    const active = document.activeElement;
    if (!active || active === document.body || active === inputRef.current) {
      inputRef.current?.focus();
    }
  }, [streaming, expanded, inputRef]);
}
