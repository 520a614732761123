import { useState } from 'react';

/** Which item of a list a card is editing in place: none, a new one, or one by id. */
type Editing = null | 'new' | number;

/**
 * A list card's editing state: which form is open, and `close` for a save that closes the form once
 * it went through (a refused save leaves it open, showing why). Opening or closing a form tells the
 * page (`onEditChange`), so the last save's error no longer shows.
 */
export function useItemEditing(onEditChange: (() => void) | undefined) {
  const [editing, setEditingState] = useState<Editing>(null);
  const setEditing = (next: Editing) => {
    onEditChange?.();
    setEditingState(next);
  };
  const close = async (saved: Promise<boolean> | undefined) => {
    if (await saved) setEditing(null);
  };
  return { editing, setEditing, close };
}
