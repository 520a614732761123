import { UNIVERSE_LABELS, UNIVERSES, type Universe } from '@coach/prompts/universes';

/** "Ask about:": which context universe the next question is answered from. */
export function UniverseSelector({
  id,
  universe,
  disabled,
  onChange,
}: {
  id: string;
  universe: Universe;
  disabled: boolean;
  onChange: (universe: Universe) => void;
}) {
  return (
    <div className="chat-universe-selector">
      <label htmlFor={id}>Ask about:</label>
      <select
        id={id}
        data-testid="chat-universe"
        value={universe}
        disabled={disabled}
        onChange={(event) => {
          const next = UNIVERSES.find((u) => u === event.target.value);
          if (next) onChange(next);
        }}
      >
        {UNIVERSES.map((u) => (
          <option key={u} value={u}>
            {UNIVERSE_LABELS[u]}
          </option>
        ))}
      </select>
    </div>
  );
}
