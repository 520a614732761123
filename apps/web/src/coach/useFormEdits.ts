import { useState } from 'react';

/**
 * What a form that saves one record (the journal, the settings) keeps between saves: whether it has
 * changed since the last one (then "Saved" no longer shows) and the problem it shows, which any
 * change clears.
 */
export function useFormEdits() {
  const [dirty, setDirty] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  /** a field's setter that also marks the form changed and clears its problem */
  function edit<T>(set: (value: T) => void) {
    return (value: T) => {
      set(value);
      setDirty(true);
      setProblem(null);
    };
  }
  return {
    dirty,
    problem,
    setProblem,
    edit,
    /** the values are on their way: nothing unsaved, nothing wrong */
    submitted: () => {
      setDirty(false);
      setProblem(null);
    },
  };
}
