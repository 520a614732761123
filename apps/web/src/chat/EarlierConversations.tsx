import { UNIVERSE_LABELS } from '@coach/prompts/universes';
import type { ConversationSummary } from './transport';

/** The athlete's saved conversations, most recent first: reopen one, delete one or all. */
export function EarlierConversations({
  conversations,
  currentId,
  onOpen,
  onDelete,
  onDeleteAll,
}: {
  conversations: readonly ConversationSummary[] | undefined;
  currentId: number | null;
  onOpen: (id: number) => void;
  onDelete: (id: number) => void;
  onDeleteAll: () => void;
}) {
  if (!conversations) return <p className="chat-earlier">Loading…</p>;
  if (conversations.length === 0) {
    return <p className="chat-earlier">No saved conversations yet.</p>;
  }
  return (
    <div className="chat-earlier">
      <ul aria-label="Earlier conversations">
        {conversations.map((conversation) => (
          <li key={conversation.id} data-testid="chat-earlier-item">
            <button
              type="button"
              className="chat-earlier-open"
              aria-current={conversation.id === currentId ? 'true' : undefined}
              onClick={() => onOpen(conversation.id)}
            >
              {conversation.title}
              <span className="chat-earlier-universe">
                {UNIVERSE_LABELS[conversation.universe]}
              </span>
            </button>
            <button
              type="button"
              className="chat-earlier-delete"
              aria-label={`Delete “${conversation.title}”`}
              onClick={() => onDelete(conversation.id)}
            >
              Delete
            </button>
          </li>
        ))}
      </ul>
      <button type="button" className="chat-earlier-delete-all" onClick={onDeleteAll}>
        Delete all conversations
      </button>
    </div>
  );
}
