import { useEffect, useId, useRef, useState } from 'react';
import type { CitedFact } from './chat-state';

/**
 * Under a finished answer: a compact "Based on" line naming the first fact it cited, which opens
 * the list of all of them; and, discreetly, any number in the answer found in none of them.
 */
export function BasedOn({
  facts = [],
  unsupportedNumbers = [],
}: {
  facts?: readonly CitedFact[];
  unsupportedNumbers?: readonly string[];
}) {
  const [open, setOpen] = useState(false);
  const listId = useId();
  const boxRef = useRef<HTMLDivElement>(null);
  // The list opens at the bottom of a scrolling log: bring it into view.
  useEffect(() => {
    if (open) boxRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [open]);
  const [first] = facts;
  if (!first && unsupportedNumbers.length === 0) return null;
  return (
    <div ref={boxRef} className="chat-based-on" data-testid="based-on">
      {first && (
        <>
          <button
            type="button"
            className="chat-based-on-toggle"
            aria-expanded={open}
            aria-controls={listId}
            onClick={() => setOpen((was) => !was)}
          >
            Based on: {first.label}
            {facts.length > 1 && ` +${facts.length - 1} more`}
          </button>
          <ul id={listId} className="chat-based-on-list" hidden={!open}>
            {facts.map((fact) => (
              <li key={fact.number}>{fact.label}</li>
            ))}
          </ul>
        </>
      )}
      {unsupportedNumbers.length > 0 && (
        <p className="chat-unsupported-numbers" data-testid="unsupported-numbers">
          Not in your data: {unsupportedNumbers.join(', ')}
        </p>
      )}
    </div>
  );
}
