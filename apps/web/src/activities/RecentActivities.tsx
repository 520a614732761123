import {
  ACTIVITY_NAME_MAX_CHARS,
  ACTIVITY_NOTES_MAX_CHARS,
  ACTIVITY_TYPE_LABELS,
  ACTIVITY_TYPES,
  type ActivityType,
  MANUAL_ACTIVITY_BOUNDS as BOUNDS,
} from '@coach/metrics/activity-types';
import { formatDuration } from '@coach/metrics/units';
import { type FormEvent, useId, useState } from 'react';
import { FormActions } from '../coach/FormActions';
import { InputField } from '../coach/InputField';
import { SectionBody, SectionCard, type SectionProps } from '../coach/Section';
import { SelectField } from '../coach/SelectField';
import type { ActivityView, ManualActivityInput as ManualActivity, Units } from '../coach/types';

const typeLabel = (type: string) => ACTIVITY_TYPE_LABELS[type as ActivityType] ?? type;
const distanceUnit = (units: Units) => (units === 'imperial' ? 'mi' : 'km');
const climbUnit = (units: Units) => (units === 'imperial' ? 'ft' : 'm');

interface FormValues {
  date: string;
  time: string;
  type: ActivityType;
  name: string;
  distance: string;
  minutes: string;
  climb: string;
  averageHeartRate: string;
  perceivedEffort: string;
  notes: string;
}

function valuesOf(activity: ActivityView | null, today: string): FormValues {
  const text = (value: number | null) => (value === null ? '' : String(value));
  return {
    date: activity?.date ?? today,
    time: activity?.time ?? '12:00',
    type: (activity?.type as ActivityType | undefined) ?? 'run',
    name: activity?.name ?? '',
    distance: activity ? String(activity.distance) : '',
    minutes: activity ? String(Math.round((activity.durationSeconds / 60) * 100) / 100) : '',
    climb: activity ? String(activity.climb) : '',
    averageHeartRate: text(activity?.averageHeartRate ?? null),
    perceivedEffort: text(activity?.perceivedEffort ?? null),
    notes: activity?.notes ?? '',
  };
}

/** The form's values as the API takes them, or what is missing. */
function toInput(values: FormValues): ManualActivity | string {
  const distance = Number(values.distance);
  const minutes = Number(values.minutes);
  if (values.distance === '' || !(distance >= 0)) return 'Enter the distance.';
  if (values.minutes === '' || !(minutes > 0)) return 'Enter the duration in minutes.';
  const optional = (value: string) => (value === '' ? null : Number(value));
  return {
    date: values.date,
    time: values.time || '12:00',
    type: values.type,
    name: values.name.trim(),
    distance,
    durationSeconds: Math.round(minutes * 60),
    climb: values.climb === '' ? 0 : Number(values.climb),
    averageHeartRate: optional(values.averageHeartRate),
    perceivedEffort: optional(values.perceivedEffort),
    notes: values.notes.trim(),
  };
}

interface ActivityFormProps {
  units: Units;
  /** the activity being edited, or null for a new one */
  activity: ActivityView | null;
  today: string;
  onSubmit: (input: ManualActivity) => void;
  onCancel: () => void;
  saving?: boolean;
  error?: string | null;
}

/** An activity by hand, in the athlete's units. */
function ActivityForm({
  units,
  activity,
  today,
  onSubmit,
  onCancel,
  saving = false,
  error = null,
}: ActivityFormProps) {
  const id = useId();
  const [values, setValues] = useState(() => valuesOf(activity, today));
  const [problem, setProblem] = useState<string | null>(null);
  const set = (field: keyof FormValues) => (value: string) => {
    setValues((all) => ({ ...all, [field]: value }));
    setProblem(null);
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    const input = toInput(values);
    if (typeof input === 'string') {
      setProblem(input);
      return;
    }
    onSubmit(input);
  }

  const field = (
    name: keyof FormValues,
    label: string,
    props: Record<string, string | number> = {},
  ) => (
    <InputField
      id={`${id}-${name}`}
      name={name}
      label={label}
      value={values[name]}
      onChange={set(name)}
      {...props}
    />
  );

  const shown = problem ?? error;
  return (
    <form
      className="activity-form"
      onSubmit={submit}
      noValidate
      aria-label={activity ? 'Edit activity' : 'Add an activity'}
    >
      <div className="field-row">
        {field('date', 'Date', { type: 'date', max: today })}
        {field('time', 'Start time', { type: 'time' })}
        <SelectField
          id={`${id}-type`}
          name="type"
          label="Type"
          value={values.type}
          options={ACTIVITY_TYPES}
          optionLabel={(type) => ACTIVITY_TYPE_LABELS[type]}
          onChange={set('type')}
        />
      </div>
      {field('name', 'Name', { maxLength: ACTIVITY_NAME_MAX_CHARS, placeholder: 'Easy run' })}
      <div className="field-row">
        {field('distance', `Distance (${distanceUnit(units)})`, {
          type: 'number',
          min: 0,
          max: BOUNDS.maxDistance,
          step: 0.01,
          inputMode: 'decimal',
        })}
        {field('minutes', 'Duration (minutes)', { type: 'number', min: 1, step: 0.1 })}
        {field('climb', `Climb (${climbUnit(units)})`, {
          type: 'number',
          min: 0,
          max: BOUNDS.maxClimb,
          step: 1,
        })}
      </div>
      <div className="field-row">
        {field('averageHeartRate', 'Average heart rate', {
          type: 'number',
          min: BOUNDS.heartRate.min,
          max: BOUNDS.heartRate.max,
        })}
        {field('perceivedEffort', 'Effort (RPE 1–10)', {
          type: 'number',
          min: BOUNDS.perceivedEffort.min,
          max: BOUNDS.perceivedEffort.max,
        })}
      </div>
      <div className="field">
        <label htmlFor={`${id}-notes`}>Notes</label>
        <textarea
          id={`${id}-notes`}
          name="notes"
          rows={2}
          maxLength={ACTIVITY_NOTES_MAX_CHARS}
          value={values.notes}
          onChange={(event) => set('notes')(event.target.value)}
        />
      </div>
      <FormActions
        saving={saving}
        showSaved={false}
        error={shown}
        submitLabel={activity ? 'Save activity' : 'Add activity'}
        savedMessage=""
      >
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </FormActions>
    </form>
  );
}

export interface RecentActivitiesCardProps
  extends SectionProps<{ units: Units; items: ActivityView[] }> {
  today: string;
  hasMore?: boolean;
  loadingMore?: boolean;
  onMore?: () => void;
  onCreate: (input: ManualActivity) => Promise<unknown>;
  onUpdate: (id: number, input: ManualActivity) => Promise<unknown>;
  onDelete: (id: number) => Promise<unknown>;
  /** the last create, update or delete failed: why */
  changeError?: string | null;
  saving?: boolean;
}

/** The athlete's activities, newest first, a page at a time; add, edit or delete by hand. */
export function RecentActivitiesCard({
  today,
  hasMore = false,
  loadingMore = false,
  onMore,
  onCreate,
  onUpdate,
  onDelete,
  changeError = null,
  saving = false,
  ...state
}: RecentActivitiesCardProps) {
  const [editing, setEditing] = useState<ActivityView | 'new' | null>(null);
  const units = state.data?.units ?? 'metric';

  async function save(input: ManualActivity) {
    try {
      if (editing === 'new') await onCreate(input);
      else if (editing) await onUpdate(editing.id, input);
      setEditing(null);
    } catch {
      // changeError says why; the form stays open with the athlete's values
    }
  }

  return (
    <SectionCard
      title="Recent activities"
      testId="recent-activities"
      className="card--wide"
      aside={
        editing === null ? (
          <button type="button" className="button small" onClick={() => setEditing('new')}>
            Add by hand
          </button>
        ) : undefined
      }
    >
      {editing !== null && (
        <ActivityForm
          key={editing === 'new' ? 'new' : editing.id}
          units={units}
          activity={editing === 'new' ? null : editing}
          today={today}
          onSubmit={(input) => void save(input)}
          onCancel={() => setEditing(null)}
          saving={saving}
          error={changeError}
        />
      )}
      {editing === null && changeError && (
        <p className="form-error" role="alert">
          {changeError}
        </p>
      )}
      <SectionBody
        {...state}
        empty="No activities yet. Add files above, or add one by hand."
        isEmpty={(page) => page.items.length === 0}
      >
        {(page) => (
          <>
            <div className="table-scroll">
              <table className="activities">
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Activity</th>
                    <th scope="col">Distance</th>
                    <th scope="col">Time</th>
                    <th scope="col">Climb</th>
                    <th scope="col">HR</th>
                    <th scope="col">RPE</th>
                    <th scope="col">
                      <span className="visually-hidden">Actions</span>
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {page.items.map((activity) => (
                    <tr key={activity.id} data-testid="activity-row">
                      <td>{activity.date}</td>
                      <td>
                        {activity.name}
                        <span className="muted"> · {typeLabel(activity.type)}</span>
                        {activity.notes && <p className="activity-notes muted">{activity.notes}</p>}
                      </td>
                      <td>
                        {activity.distance.toFixed(2)} {distanceUnit(page.units)}
                      </td>
                      <td>{formatDuration(activity.durationSeconds)}</td>
                      <td>
                        {activity.climb} {climbUnit(page.units)}
                      </td>
                      <td>{activity.averageHeartRate ?? '–'}</td>
                      <td>
                        {activity.perceivedEffort ??
                          (activity.internalLoadEstimated ? (
                            <abbr title="No heart rate or RPE: its effort is estimated from its duration and type">
                              est.
                            </abbr>
                          ) : (
                            '–'
                          ))}
                      </td>
                      <td className="activity-actions">
                        {activity.editable && (
                          <button
                            type="button"
                            className="button small"
                            onClick={() => setEditing(activity)}
                            aria-label={`Edit ${activity.name} on ${activity.date}`}
                          >
                            Edit
                          </button>
                        )}
                        <button
                          type="button"
                          className="button small"
                          disabled={saving}
                          onClick={() => {
                            if (window.confirm(`Delete ${activity.name} on ${activity.date}?`))
                              void onDelete(activity.id).catch(() => {});
                          }}
                          aria-label={`Delete ${activity.name} on ${activity.date}`}
                        >
                          Delete
                        </button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {hasMore && (
              <button
                type="button"
                className="button small"
                onClick={onMore}
                disabled={loadingMore}
                aria-busy={loadingMore || undefined}
              >
                {loadingMore ? 'Loading…' : 'Show older activities'}
              </button>
            )}
          </>
        )}
      </SectionBody>
    </SectionCard>
  );
}
