import { MAX_HEART_RATE, RESTING_HEART_RATE } from '@coach/athlete-data/bounds';
import { coachingStyleFor } from '@coach/metrics/coaching';
import { TRAINING_WEEK } from '@coach/metrics/weekdays';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { apiErrorMessage } from '../auth/errors';
import { trpc } from '../trpc';
import { FormActions } from './FormActions';
import { InputField } from './InputField';
import { humanize } from './format';
import { SectionBody, SectionCard, type SectionProps } from './Section';
import { SelectField } from './SelectField';
import type { Availability, CoachingStyle, RiskTolerance, Settings, Units, Weekday } from './types';
import { useFormEdits } from './useFormEdits';
import { useSection } from './useSection';

const SPECTRUM_MIN = 0;
const SPECTRUM_MAX = 100;

const STYLE_TEXT: Record<CoachingStyle, string> = {
  casual: 'relaxed and friendly, light on numbers',
  supportive: 'encouraging, patient and reassuring',
  motivational: 'energetic, pushes you to your goals',
  analytical: 'precise and data-driven, all the numbers',
};

// The thresholds of each risk tolerance (as in @coach/metrics), to say what the choice changes.
const RISK_TOLERANCE_OPTIONS: readonly {
  value: RiskTolerance;
  label: string;
  detail: string;
}[] = [
  {
    value: 'conservative',
    label: 'Conservative',
    detail: 'high-risk ACWR 1.20, rest after 6 days',
  },
  { value: 'balanced', label: 'Balanced', detail: 'high-risk ACWR 1.30, rest after 7 days' },
  { value: 'aggressive', label: 'Aggressive', detail: 'high-risk ACWR 1.50, rest after 8 days' },
];

/** The style's name for a spectrum value: "Motivational". */
export function coachingStyleName(spectrum: number): string {
  return humanize(coachingStyleFor(spectrum));
}

/** Every IANA zone the browser knows, plus `current` if it is not listed (an alias such as UTC). */
export function timeZoneOptions(current: string, zones?: readonly string[]): string[] {
  let list: string[];
  try {
    list = [...(zones ?? Intl.supportedValuesOf('timeZone'))];
  } catch {
    list = [];
  }
  if (current && !list.includes(current)) list.push(current);
  return list.sort((a, b) => a.localeCompare(b));
}

type Sex = NonNullable<Settings['sex']>;
const SEX_TEXT: Record<Sex | '', string> = { '': 'Not given', female: 'Female', male: 'Male' };
const SEX_CHOICES = ['', 'female', 'male'] as const;

interface SettingsValues {
  timezone: string;
  coachingSpectrum: number;
  riskTolerance: RiskTolerance;
  units: Units;
  sex: Sex | null;
  restingHeartRate: number | null;
  maxHeartRate: number | null;
  /** absent while the athlete has not chosen any training day */
  availability?: Availability;
}

/** A heart rate from its field: null when empty, NaN when it is no whole number in `bounds`. */
function heartRate(text: string, bounds: { min: number; max: number }): number | null {
  if (text.trim() === '') return null;
  const value = Number(text);
  return Number.isInteger(value) && value >= bounds.min && value <= bounds.max ? value : Number.NaN;
}

interface SettingsFieldsProps {
  settings: Settings;
  onSubmit: (values: SettingsValues) => void;
  saving?: boolean;
  saved?: boolean;
  saveError?: string | null;
  /** the zones to offer; Intl.supportedValuesOf('timeZone') by default */
  timeZones?: readonly string[];
}

function SettingsFields({
  settings,
  onSubmit,
  saving = false,
  saved = false,
  saveError = null,
  timeZones,
}: SettingsFieldsProps) {
  const id = useId();
  const [timezone, setTimezone] = useState(settings.timezone);
  const [spectrum, setSpectrum] = useState(settings.coachingSpectrum);
  const [risk, setRisk] = useState<RiskTolerance>(settings.riskTolerance);
  const [units, setUnits] = useState<Units>(settings.units);
  const [sex, setSex] = useState<Sex | ''>(settings.sex ?? '');
  const [resting, setResting] = useState(String(settings.restingHeartRate ?? ''));
  const [max, setMax] = useState(String(settings.maxHeartRate ?? ''));
  const [trainingDays, setTrainingDays] = useState<readonly Weekday[]>(
    settings.availability?.trainingDays ?? [],
  );
  const [longRunDay, setLongRunDay] = useState<Weekday | ''>(
    settings.availability?.longRunDay ?? '',
  );
  const { dirty, problem, setProblem, edit, submitted } = useFormEdits();
  const zones = useMemo(
    () => timeZoneOptions(settings.timezone, timeZones),
    [settings.timezone, timeZones],
  );
  const style = coachingStyleFor(spectrum);

  function toggleDay(day: Weekday, on: boolean) {
    const days = TRAINING_WEEK.filter((d) => (d === day ? on : trainingDays.includes(d)));
    edit(setTrainingDays)(days);
    if (!on && longRunDay === day) setLongRunDay('');
  }

  /** The values to send, or the first problem with them. */
  function values(): SettingsValues | string {
    const restingHeartRate = heartRate(resting, RESTING_HEART_RATE);
    const maxHeartRate = heartRate(max, MAX_HEART_RATE);
    if (Number.isNaN(restingHeartRate)) {
      return `Resting heart rate must be a whole number from ${RESTING_HEART_RATE.min} to ${RESTING_HEART_RATE.max}.`;
    }
    if (Number.isNaN(maxHeartRate)) {
      return `Maximum heart rate must be a whole number from ${MAX_HEART_RATE.min} to ${MAX_HEART_RATE.max}.`;
    }
    let availability: Availability | undefined;
    if (trainingDays.length > 0 || settings.availability) {
      if (trainingDays.length === 0) return 'Choose at least one training day.';
      if (longRunDay === '' || !trainingDays.includes(longRunDay)) {
        return 'Choose your long-run day among your training days.';
      }
      availability = { trainingDays: [...trainingDays], longRunDay };
    }
    return {
      timezone,
      coachingSpectrum: Math.round(Math.min(Math.max(spectrum, SPECTRUM_MIN), SPECTRUM_MAX)),
      riskTolerance: risk,
      units,
      sex: sex === '' ? null : sex,
      restingHeartRate,
      maxHeartRate,
      ...(availability ? { availability } : {}),
    };
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    const checked = values();
    if (typeof checked === 'string') {
      setProblem(checked);
      return;
    }
    submitted();
    onSubmit(checked);
  }

  return (
    <form className="settings-form" onSubmit={submit} noValidate>
      <SelectField
        id={`${id}-timezone`}
        name="timezone"
        label="Time zone"
        value={timezone}
        options={zones}
        optionLabel={(zone) => zone.replaceAll('_', ' ')}
        onChange={edit(setTimezone)}
        hint="Your days (metrics, journal, chat limits) start at midnight here."
      />
      <div className="field">
        <label htmlFor={`${id}-spectrum`}>Coaching style</label>
        <input
          id={`${id}-spectrum`}
          name="coachingSpectrum"
          type="range"
          min={SPECTRUM_MIN}
          max={SPECTRUM_MAX}
          step={1}
          value={spectrum}
          onChange={(event) => edit(setSpectrum)(Number(event.target.value))}
          aria-valuetext={`${spectrum}: ${humanize(style)}`}
          aria-describedby={`${id}-spectrum-output`}
        />
        <div className="range-ends" aria-hidden="true">
          <span>Gentle</span>
          <span>Demanding</span>
        </div>
        <output id={`${id}-spectrum-output`} htmlFor={`${id}-spectrum`} className="style-output">
          <strong data-testid="coaching-style">{humanize(style)}</strong> ({spectrum}):{' '}
          {STYLE_TEXT[style]}
        </output>
      </div>
      <fieldset className="field">
        <legend>Risk tolerance</legend>
        <div className="choices">
          {RISK_TOLERANCE_OPTIONS.map((option) => (
            <label key={option.value} className="choice">
              <input
                type="radio"
                name={`${id}-risk`}
                value={option.value}
                checked={risk === option.value}
                onChange={() => edit(setRisk)(option.value)}
              />
              <span>
                {option.label} <span className="muted">· {option.detail}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      <fieldset className="field">
        <legend>Units</legend>
        <div className="choices">
          {(['metric', 'imperial'] as const).map((value) => (
            <label key={value} className="choice">
              <input
                type="radio"
                name={`${id}-units`}
                value={value}
                checked={units === value}
                onChange={() => edit(setUnits)(value)}
              />
              <span>{value === 'metric' ? 'Kilometres' : 'Miles'}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className="field-row">
        <InputField
          id={`${id}-resting`}
          label="Resting heart rate (bpm)"
          type="number"
          inputMode="numeric"
          min={RESTING_HEART_RATE.min}
          max={RESTING_HEART_RATE.max}
          value={resting}
          onChange={edit(setResting)}
        />
        <InputField
          id={`${id}-max`}
          label="Maximum heart rate (bpm)"
          type="number"
          inputMode="numeric"
          min={MAX_HEART_RATE.min}
          max={MAX_HEART_RATE.max}
          value={max}
          onChange={edit(setMax)}
        />
        <SelectField
          id={`${id}-sex`}
          label="Sex"
          value={sex}
          options={SEX_CHOICES}
          optionLabel={(choice) => SEX_TEXT[choice]}
          onChange={edit(setSex)}
        />
      </div>
      <p className="hint">
        Heart rates and sex set how hard each session counts (TRIMP); changing them recomputes your
        loads. Empty: effort (RPE) stands in.
      </p>
      <fieldset className="field">
        <legend>Training days</legend>
        <div className="choices choices--inline">
          {TRAINING_WEEK.map((day) => (
            <label key={day} className="choice">
              <input
                type="checkbox"
                name={`${id}-days`}
                value={day}
                checked={trainingDays.includes(day)}
                onChange={(event) => toggleDay(day, event.target.checked)}
              />
              <span>{day}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <SelectField
        id={`${id}-long-run`}
        label="Long-run day"
        value={longRunDay}
        options={['', ...trainingDays]}
        optionLabel={(day) => (day === '' ? 'Not chosen' : day)}
        onChange={edit(setLongRunDay)}
      />
      <FormActions
        saving={saving}
        showSaved={Boolean(saved && !dirty)}
        error={problem ?? saveError}
        submitLabel="Save settings"
        savedMessage="Settings saved."
      />
    </form>
  );
}

export interface SettingsCardProps
  extends SectionProps<Settings>,
    Omit<SettingsFieldsProps, 'settings'> {}

/** The athlete's settings: time zone, coaching style, risk tolerance, profile and availability. */
export function SettingsCard({
  onSubmit,
  saving,
  saved,
  saveError,
  timeZones,
  ...state
}: SettingsCardProps) {
  return (
    <SectionCard title="Settings" testId="settings-form">
      <SectionBody {...state} empty="No settings yet.">
        {(settings) => (
          <SettingsFields
            settings={settings}
            onSubmit={onSubmit}
            saving={saving}
            saved={saved}
            saveError={saveError}
            timeZones={timeZones}
          />
        )}
      </SectionBody>
    </SectionCard>
  );
}

export function SettingsSection() {
  const utils = trpc.useUtils();
  const state = useSection(trpc.settings.get.useQuery());
  const update = trpc.settings.update.useMutation({
    // A new time zone, risk tolerance, units or heart rate changes dates, metrics and the
    // assessment all over the page.
    onSuccess: () => utils.invalidate(),
  });
  return (
    <SettingsCard
      {...state}
      onSubmit={(values) => update.mutate(values)}
      saving={update.isPending}
      saved={update.isSuccess}
      saveError={update.error ? apiErrorMessage(update.error) : null}
    />
  );
}
