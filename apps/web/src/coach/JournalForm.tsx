import { type FormEvent, useId, useState } from 'react';
import { apiErrorMessage } from '../auth/errors';
import { trpc } from '../trpc';
import { FormActions } from './FormActions';
import { formatDate } from './format';
import { SectionBody, SectionCard, type SectionProps } from './Section';
import { SelectField } from './SelectField';
import type { JournalEntry } from './types';
import { useFormEdits } from './useFormEdits';
import { useSection } from './useSection';

// The journal's scales (as in @coach/metrics): energy 1–5, RPE 1–10, pain 0–100 in steps of 20.
const ENERGY_OPTIONS = [
  { value: 1, label: '1 · Drained' },
  { value: 2, label: '2 · Tired' },
  { value: 3, label: '3 · OK' },
  { value: 4, label: '4 · Good' },
  { value: 5, label: '5 · Full of energy' },
] as const;
const RPE_OPTIONS = [
  { value: 1, label: '1 · Very easy' },
  { value: 2, label: '2 · Easy' },
  { value: 3, label: '3 · Comfortable' },
  { value: 4, label: '4 · Steady' },
  { value: 5, label: '5 · Moderate' },
  { value: 6, label: '6 · Somewhat hard' },
  { value: 7, label: '7 · Hard' },
  { value: 8, label: '8 · Very hard' },
  { value: 9, label: '9 · Extremely hard' },
  { value: 10, label: '10 · All out' },
] as const;
export const PAIN_STEPS = [0, 20, 40, 60, 80, 100] as const;
type PainStep = (typeof PAIN_STEPS)[number];
const PAIN_LABELS: Record<PainStep, string> = {
  0: 'None',
  20: 'Niggle',
  40: 'Noticeable',
  60: 'Affects running',
  80: 'Hard to run',
  100: "Can't run",
};
export const NOTES_MAX_CHARS = 2000;

/** What the form sends: every answer, null where it is not given (which clears a stored one). */
interface JournalValues {
  energyLevel: number | null;
  rpeScore: number | null;
  painPercentage: PainStep | null;
  notes: string | null;
}

/** A form value as one of `allowed`, or null: nothing outside the scale can be sent. */
function choice<T extends number>(value: string, allowed: readonly T[]): T | null {
  if (value === '') return null;
  const number = Number(value);
  return (allowed as readonly number[]).includes(number) ? (number as T) : null;
}

const ENERGY_VALUES = ENERGY_OPTIONS.map((o) => o.value);
const RPE_VALUES = RPE_OPTIONS.map((o) => o.value);

/** A scale as its select shows it: "Not answered" (''), then each value as the form keeps it. */
function scaleChoices(scale: readonly { value: number; label: string }[]) {
  return {
    options: ['', ...scale.map((option) => String(option.value))],
    optionLabel: (value: string) =>
      scale.find((option) => String(option.value) === value)?.label ?? 'Not answered',
  };
}
const ENERGY_CHOICES = scaleChoices(ENERGY_OPTIONS);
const RPE_CHOICES = scaleChoices(RPE_OPTIONS);

function asText(value: number | null | undefined): string {
  return value === null || value === undefined ? '' : String(value);
}

interface JournalFieldsProps {
  entry: JournalEntry | null;
  onSubmit: (values: JournalValues) => void;
  saving?: boolean;
  /** the last save succeeded */
  saved?: boolean;
  saveError?: string | null;
}

/** The journal answers for today; only values on the scales can be sent. */
function JournalFields({
  entry,
  onSubmit,
  saving = false,
  saved = false,
  saveError = null,
}: JournalFieldsProps) {
  const id = useId();
  const [energy, setEnergy] = useState(asText(entry?.energyLevel));
  const [rpe, setRpe] = useState(asText(entry?.rpeScore));
  const [pain, setPain] = useState(asText(entry?.painPercentage));
  const [notes, setNotes] = useState(entry?.notes ?? '');
  const { dirty, problem, setProblem, edit, submitted } = useFormEdits();

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    const trimmed = notes.trim();
    const values: JournalValues = {
      energyLevel: choice(energy, ENERGY_VALUES),
      rpeScore: choice(rpe, RPE_VALUES),
      painPercentage: choice(pain, PAIN_STEPS),
      notes: trimmed === '' ? null : trimmed,
    };
    if (trimmed.length > NOTES_MAX_CHARS) {
      setProblem(`Notes can be at most ${NOTES_MAX_CHARS} characters.`);
      return;
    }
    const nothing =
      values.energyLevel === null &&
      values.rpeScore === null &&
      values.painPercentage === null &&
      values.notes === null;
    if (nothing && entry === null) {
      setProblem('Answer at least one question before saving.');
      return;
    }
    submitted();
    onSubmit(values);
  }

  const error = problem ?? saveError;
  const notesCount = `${notes.length} / ${NOTES_MAX_CHARS}`;
  return (
    <form className="journal-form" onSubmit={submit} noValidate>
      <div className="field-row">
        <SelectField
          id={`${id}-energy`}
          name="energyLevel"
          label="Energy"
          value={energy}
          {...ENERGY_CHOICES}
          onChange={edit(setEnergy)}
        />
        <SelectField
          id={`${id}-rpe`}
          name="rpeScore"
          label="Effort (RPE)"
          value={rpe}
          {...RPE_CHOICES}
          onChange={edit(setRpe)}
        />
      </div>
      <fieldset className="field pain">
        <legend>Pain</legend>
        <div className="segmented">
          <label>
            <input
              type="radio"
              name={`${id}-pain`}
              value=""
              checked={pain === ''}
              onChange={(event) => edit(setPain)(event.target.value)}
            />
            <span>Not answered</span>
          </label>
          {PAIN_STEPS.map((step) => (
            <label key={step}>
              <input
                type="radio"
                name={`${id}-pain`}
                value={step}
                checked={pain === String(step)}
                onChange={(event) => edit(setPain)(event.target.value)}
              />
              <span>
                {step}% <span className="muted">{PAIN_LABELS[step]}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field">
        <label htmlFor={`${id}-notes`}>Notes</label>
        <textarea
          id={`${id}-notes`}
          name="notes"
          rows={3}
          maxLength={NOTES_MAX_CHARS}
          value={notes}
          onChange={(event) => edit(setNotes)(event.target.value)}
          aria-describedby={`${id}-notes-count`}
        />
        <p
          className={notes.length > NOTES_MAX_CHARS ? 'counter counter--over' : 'counter'}
          id={`${id}-notes-count`}
          aria-live="polite"
        >
          {notesCount}
        </p>
      </div>
      <FormActions
        saving={saving}
        showSaved={Boolean(saved && !dirty)}
        error={error}
        submitLabel="Save journal"
        savedMessage="Saved. Your coach will take it into account."
      />
    </form>
  );
}

export interface JournalCardProps
  extends SectionProps<JournalEntry>,
    Omit<JournalFieldsProps, 'entry'> {}

/** Today's journal: loading and error states, "No journal entry…" when none, and the form. */
export function JournalCard({ onSubmit, saving, saved, saveError, ...state }: JournalCardProps) {
  return (
    <SectionCard
      title="Today's journal"
      testId="journal-form"
      aside={
        state.data ? <span className="card-date">{formatDate(state.data.date)}</span> : undefined
      }
    >
      <SectionBody
        {...state}
        data={state.data === undefined ? undefined : { entry: state.data }}
        empty={null}
      >
        {({ entry }) => (
          <>
            {entry === null ? (
              <p className="empty">No journal entry for today yet.</p>
            ) : (
              <p className="muted">Last saved at {formatTime(entry.updatedAt)}.</p>
            )}
            <JournalFields
              entry={entry}
              onSubmit={onSubmit}
              saving={saving}
              saved={saved}
              saveError={saveError}
            />
          </>
        )}
      </SectionBody>
    </SectionCard>
  );
}

function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return date.toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
}

export function JournalSection() {
  const utils = trpc.useUtils();
  const state = useSection(trpc.journal.get.useQuery());
  const upsert = trpc.journal.upsert.useMutation({
    onSuccess: async (entry) => {
      utils.journal.get.setData(undefined, entry);
      // Pain and effort feed the assessment and the coach's context.
      await utils.coach.invalidate();
    },
  });
  return (
    <JournalCard
      {...state}
      onSubmit={(values) => upsert.mutate(values)}
      saving={upsert.isPending}
      saved={upsert.isSuccess}
      saveError={upsert.error ? apiErrorMessage(upsert.error) : null}
    />
  );
}
