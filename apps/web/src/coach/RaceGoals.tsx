import { RACE_NAME_MAX_CHARS, RACE_NOTES_MAX_CHARS } from '@coach/athlete-data/bounds';
import {
  distanceIn,
  distanceUnitOf,
  formatDuration,
  formatRaceDistance,
  parseDuration,
  RACE_DISTANCE_PRESETS,
  RACE_DISTANCES,
  type RaceDistancePreset,
  raceDistancePresetOf,
} from '@coach/metrics/units';
import { type FormEvent, type ReactNode, useId, useState } from 'react';
import { trpc } from '../trpc';
import { FormActions } from './FormActions';
import { InputField } from './InputField';
import { countdownText, formatDateInYear } from './format';
import { SectionBody, SectionCard, type SectionProps } from './Section';
import { SelectField } from './SelectField';
import type { RaceGoal, RaceGoalInput, RaceResult, RaceResultInput, Units } from './types';
import { useItemEditing } from './useItemEditing';
import { type ListMutations, useListMutations } from './useListMutations';
import { useSection, useUnits } from './useSection';

type Priority = RaceGoal['priority'];
const PRIORITIES: readonly Priority[] = ['A', 'B', 'C'];
const PRIORITY_TEXT: Record<Priority, string> = {
  A: 'A · the season’s goal',
  B: 'B · an important race',
  C: 'C · a tune-up',
};

/** What the race form edits: a goal's fields, or a result's (finish time, no priority). */
interface RaceDraft {
  name: string;
  raceDate: string;
  preset: RaceDistancePreset | 'custom';
  customDistance: string;
  time: string;
  priority: Priority;
  notes: string;
}

/** The distance select's options: the presets, then one for a distance of the athlete's own. */
const DISTANCE_CHOICES: readonly RaceDraft['preset'][] = [...RACE_DISTANCE_PRESETS, 'custom'];

function draftOf(
  race: Pick<RaceGoal, 'name' | 'raceDate' | 'distanceMeters' | 'notes'> | null,
  seconds: number | null,
  priority: Priority,
  units: Units,
): RaceDraft {
  const preset = race ? raceDistancePresetOf(race.distanceMeters) : 'marathon';
  return {
    name: race?.name ?? '',
    raceDate: race?.raceDate ?? '',
    preset: preset ?? 'custom',
    customDistance: race && !preset ? String(distanceIn(race.distanceMeters, units)) : '',
    time: seconds === null ? '' : formatDuration(seconds),
    priority,
    notes: race?.notes ?? '',
  };
}

/** The shared fields as the API takes them, or the first problem to show. */
function fieldsOf(draft: RaceDraft, timeRequired: boolean) {
  const name = draft.name.trim();
  if (name === '') return 'Give the race a name.';
  if (draft.raceDate === '') return 'Choose the race date.';
  const custom = Number(draft.customDistance);
  if (draft.preset === 'custom' && !(custom > 0)) return 'Give the distance as a number.';
  const seconds = draft.time.trim() === '' ? null : parseDuration(draft.time);
  if (seconds === null && (timeRequired || draft.time.trim() !== '')) {
    return 'Give the time as h:mm:ss, e.g. 3:45:00.';
  }
  const notes = draft.notes.trim();
  return {
    fields: {
      name,
      raceDate: draft.raceDate,
      distance: draft.preset === 'custom' ? custom : draft.preset,
      notes: notes === '' ? null : notes,
    },
    seconds,
  };
}

interface RaceFormProps {
  kind: 'goal' | 'result';
  initial: RaceDraft;
  units: Units;
  saving: boolean;
  error: string | null;
  /** the draft's fields checked, or a message (a problem the form shows itself) */
  onSubmit: (draft: RaceDraft) => string | null;
  onCancel: () => void;
  /** when editing: removes the race */
  onDelete?: () => void;
}

function RaceForm({
  kind,
  initial,
  units,
  saving,
  error,
  onSubmit,
  onCancel,
  onDelete,
}: RaceFormProps) {
  const id = useId();
  const [draft, setDraft] = useState(initial);
  const [problem, setProblem] = useState<string | null>(null);
  const set = (change: Partial<RaceDraft>) => {
    setDraft({ ...draft, ...change });
    setProblem(null);
  };
  const unit = distanceUnitOf(units);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (!saving) setProblem(onSubmit(draft));
  }

  return (
    <form className="race-form" onSubmit={submit} noValidate aria-label={`Race ${kind}`}>
      <InputField
        id={`${id}-name`}
        label="Race name"
        value={draft.name}
        maxLength={RACE_NAME_MAX_CHARS}
        onChange={(name) => set({ name })}
      />
      <div className="field-row">
        <InputField
          id={`${id}-date`}
          label="Date"
          type="date"
          value={draft.raceDate}
          onChange={(raceDate) => set({ raceDate })}
        />
        <SelectField
          id={`${id}-distance`}
          label="Distance"
          value={draft.preset}
          options={DISTANCE_CHOICES}
          optionLabel={(preset) =>
            preset === 'custom' ? 'Other distance' : RACE_DISTANCES[preset].name
          }
          onChange={(preset) => set({ preset })}
        />
        {draft.preset === 'custom' && (
          <InputField
            id={`${id}-custom`}
            label={`Distance (${unit})`}
            type="number"
            inputMode="decimal"
            min={0}
            step="any"
            value={draft.customDistance}
            onChange={(customDistance) => set({ customDistance })}
          />
        )}
      </div>
      <div className="field-row">
        <InputField
          id={`${id}-time`}
          label={kind === 'goal' ? 'Target time (optional)' : 'Finish time'}
          placeholder="h:mm:ss"
          value={draft.time}
          onChange={(time) => set({ time })}
        />
        {kind === 'goal' && (
          <SelectField
            id={`${id}-priority`}
            label="Priority"
            value={draft.priority}
            options={PRIORITIES}
            optionLabel={(priority) => PRIORITY_TEXT[priority]}
            onChange={(priority) => set({ priority })}
          />
        )}
      </div>
      <div className="field">
        <label htmlFor={`${id}-notes`}>Notes</label>
        <textarea
          id={`${id}-notes`}
          rows={2}
          maxLength={RACE_NOTES_MAX_CHARS}
          value={draft.notes}
          onChange={(event) => set({ notes: event.target.value })}
        />
      </div>
      <FormActions
        saving={saving}
        showSaved={false}
        error={problem ?? error}
        submitLabel={kind === 'goal' ? 'Save race goal' : 'Save result'}
        savedMessage=""
      >
        <button type="button" className="button" onClick={onCancel} disabled={saving}>
          Cancel
        </button>
        {onDelete && (
          <button type="button" className="button race-delete" onClick={onDelete} disabled={saving}>
            Delete
          </button>
        )}
      </FormActions>
    </form>
  );
}

/** What a card's editing needs from the page: the mutations' state and calls, and the units. */
interface RaceEditing<Input> extends Partial<ListMutations<Input, Input & { id: number }>> {
  units?: Units;
}

type Race = { id: number; name: string; notes: string | null };

interface RaceListCardProps<R extends Race, I> extends SectionProps<R[]>, RaceEditing<I> {
  kind: 'goal' | 'result';
  title: string;
  testId: string;
  addLabel: string;
  empty: string;
  /** the form's first values for a race (null: a new one) */
  draftFor: (race: R | null) => RaceDraft;
  /** the API's input from a checked draft */
  inputOf: (draft: RaceDraft, checked: Exclude<ReturnType<typeof fieldsOf>, string>) => I;
  /** before the name: a priority badge */
  badge?: (race: R) => ReactNode;
  /** under the name */
  details: (race: R) => ReactNode;
}

/**
 * A card listing races, each editable in place, with a form for a new one on top. Without the
 * page's mutations (`onAdd`) it only shows them.
 */
function RaceListCard<R extends Race, I>({
  kind,
  title,
  testId,
  addLabel,
  empty,
  draftFor,
  inputOf,
  badge,
  details,
  units = 'metric',
  saving = false,
  saveError = null,
  onAdd,
  onUpdate,
  onDelete,
  onEditChange,
  ...state
}: RaceListCardProps<R, I>) {
  const { editing, setEditing, close } = useItemEditing(onEditChange);
  const editable = onAdd !== undefined;
  const formFor = (race: R | null) => (
    <RaceForm
      kind={kind}
      units={units}
      saving={saving}
      error={saveError}
      initial={draftFor(race)}
      onCancel={() => setEditing(null)}
      onDelete={race && onDelete ? () => void close(onDelete(race.id)) : undefined}
      onSubmit={(draft) => {
        const checked = fieldsOf(draft, kind === 'result');
        if (typeof checked === 'string') return checked;
        const input = inputOf(draft, checked);
        void close(race ? onUpdate?.({ ...input, id: race.id }) : onAdd?.(input));
        return null;
      }}
    />
  );
  return (
    <SectionCard
      title={title}
      testId={testId}
      aside={
        editable && editing === null ? (
          <button type="button" className="button" onClick={() => setEditing('new')}>
            {addLabel}
          </button>
        ) : undefined
      }
    >
      {editing === 'new' && formFor(null)}
      <SectionBody {...state} empty={empty} isEmpty={(races) => races.length === 0}>
        {(races) => (
          <ul className="races">
            {races.map((race) => (
              <li key={race.id} className="race">
                {editing === race.id ? (
                  formFor(race)
                ) : (
                  <>
                    <div className="race-head">
                      {badge?.(race)}
                      <h3 className="race-name">{race.name}</h3>
                      {editable && (
                        <button
                          type="button"
                          className="link-button race-edit"
                          onClick={() => setEditing(race.id)}
                          aria-label={`Edit ${race.name}`}
                        >
                          Edit
                        </button>
                      )}
                    </div>
                    {details(race)}
                    {race.notes && <p className="race-notes">{race.notes}</p>}
                  </>
                )}
              </li>
            ))}
          </ul>
        )}
      </SectionBody>
    </SectionCard>
  );
}

export interface RaceGoalsCardProps extends SectionProps<RaceGoal[]>, RaceEditing<RaceGoalInput> {
  /** dates outside this year show their year; the current year by default */
  currentYear?: number;
}

/** Upcoming race goals, soonest first, each with a countdown; added, edited and deleted here. */
export function RaceGoalsCard({
  currentYear = new Date().getFullYear(),
  units = 'metric',
  ...props
}: RaceGoalsCardProps) {
  return (
    <RaceListCard
      {...props}
      units={units}
      kind="goal"
      title="Race goals"
      testId="race-goals"
      addLabel="Add race goal"
      empty="No race goals yet."
      draftFor={(goal) =>
        draftOf(goal, goal?.targetTimeSeconds ?? null, goal?.priority ?? 'A', units)
      }
      inputOf={(draft, { fields, seconds }) => ({
        ...fields,
        targetTimeSeconds: seconds,
        priority: draft.priority,
      })}
      badge={(goal) => (
        <span className={`badge badge--priority-${goal.priority.toLowerCase()}`}>
          {goal.priority} race
        </span>
      )}
      details={(goal) => (
        <>
          <p className="race-countdown">{countdownText(goal.daysToGo)}</p>
          <p className="muted">
            {formatDateInYear(goal.raceDate, currentYear)} ·{' '}
            {formatRaceDistance(goal.distanceMeters, units)}
            {goal.targetTimeSeconds !== null &&
              ` · target ${formatDuration(goal.targetTimeSeconds)}`}
          </p>
        </>
      )}
    />
  );
}

export interface RaceResultsCardProps
  extends SectionProps<RaceResult[]>,
    RaceEditing<RaceResultInput> {
  currentYear?: number;
}

/** The athlete's latest race results, most recent first; added, edited and deleted here. */
export function RaceResultsCard({
  currentYear = new Date().getFullYear(),
  units = 'metric',
  ...props
}: RaceResultsCardProps) {
  return (
    <RaceListCard
      {...props}
      units={units}
      kind="result"
      title="Race results"
      testId="race-results"
      addLabel="Add result"
      empty="No race results yet."
      draftFor={(result) => draftOf(result, result?.finishTimeSeconds ?? null, 'C', units)}
      // fieldsOf requires a finish time of a result
      inputOf={(_, { fields, seconds }) => ({ ...fields, finishTimeSeconds: seconds ?? 0 })}
      details={(result) => (
        <p className="muted">
          {formatDateInYear(result.raceDate, currentYear)} ·{' '}
          {formatRaceDistance(result.distanceMeters, units)} ·{' '}
          {formatDuration(result.finishTimeSeconds)}
        </p>
      )}
    />
  );
}

/** After a change: the races, and whatever the coach's plan shows of them, are read again. */
function useInvalidateCoach() {
  const utils = trpc.useUtils();
  return { onSuccess: () => utils.coach.invalidate() };
}

export function RaceGoalsSection(): ReactNode {
  const state = useSection(trpc.coach.raceGoals.useQuery());
  const units = useUnits();
  const invalidate = useInvalidateCoach();
  const editing = useListMutations(
    trpc.races.addGoal.useMutation(invalidate),
    trpc.races.updateGoal.useMutation(invalidate),
    trpc.races.deleteGoal.useMutation(invalidate),
  );
  return <RaceGoalsCard {...state} {...editing} units={units} />;
}

export function RaceResultsSection(): ReactNode {
  const state = useSection(trpc.coach.raceHistory.useQuery());
  const units = useUnits();
  const invalidate = useInvalidateCoach();
  const editing = useListMutations(
    trpc.races.addResult.useMutation(invalidate),
    trpc.races.updateResult.useMutation(invalidate),
    trpc.races.deleteResult.useMutation(invalidate),
  );
  return <RaceResultsCard {...state} {...editing} units={units} />;
}
