import { MEMORY_KINDS, MEMORY_TEXT_MAX_CHARS } from '@coach/athlete-data/bounds';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { trpc } from '../trpc';
import { COACH_MEMORY_ANCHOR } from './anchors';
import { FormActions } from './FormActions';
import { formatDateInYear } from './format';
import { SectionBody, SectionCard, type SectionProps } from './Section';
import { SelectField } from './SelectField';
import type { MemoryInput, MemoryItem } from './types';
import { useItemEditing } from './useItemEditing';
import { type ListMutations, useListMutations } from './useListMutations';
import { useSection } from './useSection';

type Kind = MemoryItem['kind'];
const KIND_TEXT: Record<Kind, string> = {
  injury: 'Injury or niggle',
  constraint: 'Constraint',
  preference: 'Preference',
  goal: 'Goal',
  health: 'Health note',
};

interface MemoryDraft {
  kind: Kind;
  text: string;
  since: string;
}

interface MemoryFormProps {
  initial: MemoryDraft;
  saving: boolean;
  error: string | null;
  onSubmit: (input: Omit<MemoryInput, 'current'>) => void;
  onCancel: () => void;
}

function MemoryForm({ initial, saving, error, onSubmit, onCancel }: MemoryFormProps) {
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const set = (change: Partial<MemoryDraft>) => {
    setDraft({ ...draft, ...change });
    setProblem(null);
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    const text = draft.text.trim();
    if (text === '') {
      setProblem('Write what your coach should know.');
      return;
    }
    onSubmit({ kind: draft.kind, text, since: draft.since === '' ? null : draft.since });
  }

  return (
    <form className="memory-form" onSubmit={submit} noValidate aria-label="Something to know">
      <div className="field-row">
        <SelectField
          id={`${id}-kind`}
          label="Kind"
          value={draft.kind}
          options={MEMORY_KINDS}
          optionLabel={(kind) => KIND_TEXT[kind]}
          onChange={(kind) => set({ kind })}
        />
        <div className="field">
          <label htmlFor={`${id}-since`}>Since (optional)</label>
          <input
            id={`${id}-since`}
            type="date"
            value={draft.since}
            onChange={(event) => set({ since: event.target.value })}
          />
        </div>
      </div>
      <div className="field">
        <label htmlFor={`${id}-text`}>What your coach should know</label>
        <textarea
          id={`${id}-text`}
          rows={2}
          maxLength={MEMORY_TEXT_MAX_CHARS}
          placeholder="Left calf tight after hills"
          value={draft.text}
          onChange={(event) => set({ text: event.target.value })}
        />
      </div>
      <FormActions
        saving={saving}
        showSaved={false}
        error={problem ?? error}
        submitLabel="Save"
        savedMessage=""
      >
        <button type="button" className="button" onClick={onCancel} disabled={saving}>
          Cancel
        </button>
      </FormActions>
    </form>
  );
}

export interface CoachMemoryCardProps
  extends SectionProps<MemoryItem[]>,
    Partial<ListMutations<MemoryInput, MemoryInput & { id: number }>> {
  /** dates outside this year show their year; the current year by default */
  currentYear?: number;
}

/**
 * "What your coach knows": what the athlete has told the coach to keep in mind in every answer,
 * current items first; added, edited, marked resolved and deleted here. Without the page's
 * mutations (`onAdd`) it only shows them.
 */
export function CoachMemoryCard({
  currentYear = new Date().getFullYear(),
  saving = false,
  saveError = null,
  onAdd,
  onUpdate,
  onDelete,
  onEditChange,
  ...state
}: CoachMemoryCardProps) {
  const { editing, setEditing, close } = useItemEditing(onEditChange);
  const editable = onAdd !== undefined;
  const formFor = (item: MemoryItem | null) => (
    <MemoryForm
      saving={saving}
      error={saveError}
      initial={{ kind: item?.kind ?? 'injury', text: item?.text ?? '', since: item?.since ?? '' }}
      onCancel={() => setEditing(null)}
      onSubmit={(fields) =>
        void close(
          item ? onUpdate?.({ ...fields, id: item.id, current: item.current }) : onAdd?.(fields),
        )
      }
    />
  );
  return (
    <SectionCard
      title="What your coach knows"
      testId="coach-memory"
      id={COACH_MEMORY_ANCHOR}
      aside={
        editable && editing === null ? (
          <button type="button" className="button" onClick={() => setEditing('new')}>
            Tell your coach
          </button>
        ) : undefined
      }
    >
      <p className="muted">
        Injuries, constraints, preferences, goals and health notes your coach keeps in mind in every
        answer. Only you can see them.
      </p>
      {editing === 'new' && formFor(null)}
      <SectionBody
        {...state}
        empty="Nothing yet: tell your coach about a niggle, the days you cannot run, what you prefer."
        isEmpty={(items) => items.length === 0}
      >
        {(items) => (
          <ul className="memory-items">
            {items.map((item) => (
              <li key={item.id} className={item.current ? 'memory-item' : 'memory-item resolved'}>
                {editing === item.id ? (
                  formFor(item)
                ) : (
                  <>
                    <p className="memory-text">
                      <span className="badge">{KIND_TEXT[item.kind]}</span> {item.text}
                    </p>
                    <p className="muted">
                      {item.since ? `Since ${formatDateInYear(item.since, currentYear)}` : ''}
                      {item.since && !item.current ? ' · ' : ''}
                      {item.current ? '' : 'Resolved'}
                    </p>
                    {editable && (
                      <div className="memory-actions">
                        <button
                          type="button"
                          className="link-button"
                          disabled={saving}
                          onClick={() => setEditing(item.id)}
                          aria-label={`Edit “${item.text}”`}
                        >
                          Edit
                        </button>
                        <button
                          type="button"
                          className="link-button"
                          disabled={saving}
                          onClick={() =>
                            void onUpdate?.({
                              id: item.id,
                              kind: item.kind,
                              text: item.text,
                              since: item.since,
                              current: !item.current,
                            })
                          }
                          aria-label={`Mark “${item.text}” ${item.current ? 'resolved' : 'current'}`}
                        >
                          {item.current ? 'Mark resolved' : 'Mark current'}
                        </button>
                        <button
                          type="button"
                          className="link-button"
                          disabled={saving}
                          onClick={() => void onDelete?.(item.id)}
                          aria-label={`Delete “${item.text}”`}
                        >
                          Delete
                        </button>
                      </div>
                    )}
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </SectionBody>
      {editing === null && saveError && (
        <p className="form-error" role="alert">
          {saveError}
        </p>
      )}
    </SectionCard>
  );
}

export function CoachMemorySection(): ReactNode {
  const state = useSection(trpc.memory.list.useQuery());
  const utils = trpc.useUtils();
  const invalidate = { onSuccess: () => utils.memory.list.invalidate() };
  const editing = useListMutations(
    trpc.memory.add.useMutation(invalidate),
    trpc.memory.update.useMutation(invalidate),
    trpc.memory.delete.useMutation(invalidate),
  );
  return <CoachMemoryCard {...state} {...editing} />;
}
