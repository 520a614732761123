import { UNIVERSES, type Universe } from '@coach/prompts/universes';

/**
 * The current saved conversation of each universe, kept in the browser so a reload reopens it.
 * Only an id: the conversation itself stays on the server (another account's id is just not found).
 */
const keyOf = (universe: Universe) => `coach.chat.conversation.${universe}`;

export function rememberedConversation(universe: Universe): number | null {
  const id = Number(storage()?.getItem(keyOf(universe)) ?? Number.NaN);
  return Number.isSafeInteger(id) && id > 0 ? id : null;
}

export function rememberConversation(universe: Universe, id: number | null): void {
  if (id === null) storage()?.removeItem(keyOf(universe));
  else storage()?.setItem(keyOf(universe), String(id));
}

export function forgetAllConversations(): void {
  for (const universe of UNIVERSES) rememberConversation(universe, null);
}

/** Storage may be missing or refused (private modes): the chat then just starts afresh. */
function storage(): Storage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}
