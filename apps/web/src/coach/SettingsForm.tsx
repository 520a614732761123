import { coachingStyleFor } from '@coach/metrics/coaching';
import { type FormEvent, useId, useMemo, useState } from 'react';
import { apiErrorMessage } from '../auth/errors';
import { trpc } from '../trpc';
import { FormActions } from './FormActions';
import { humanize } from './format';
import { SectionBody, SectionCard, type SectionProps } from './Section';
import type { CoachingStyle, RiskTolerance, Settings } from './types';
import { useSection } from './useSection';

export const SPECTRUM_MIN = 0;
export const SPECTRUM_MAX = 100;

const STYLE_TEXT: Record<CoachingStyle, string> = {
  casual: 'relaxed and friendly, light on numbers',
  supportive: 'encouraging, patient and reassuring',
  motivational: 'energetic, pushes you to your goals',
  analytical: 'precise and data-driven, all the numbers',
};

// The thresholds of each risk tolerance (as in @coach/metrics), to say what the choice changes.
export const RISK_TOLERANCE_OPTIONS: readonly {
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

export interface SettingsValues {
  timezone: string;
  coachingSpectrum: number;
  riskTolerance: RiskTolerance;
}

export interface SettingsFieldsProps {
  settings: Settings;
  onSubmit: (values: SettingsValues) => void;
  saving?: boolean;
  saved?: boolean;
  saveError?: string | null;
  /** the zones to offer; Intl.supportedValuesOf('timeZone') by default */
  timeZones?: readonly string[];
}

export function SettingsFields({
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
  const [dirty, setDirty] = useState(false);
  const zones = useMemo(
    () => timeZoneOptions(settings.timezone, timeZones),
    [settings.timezone, timeZones],
  );
  const style = coachingStyleFor(spectrum);

  function edit<T>(set: (value: T) => void) {
    return (value: T) => {
      set(value);
      setDirty(true);
    };
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (saving) return;
    setDirty(false);
    onSubmit({
      timezone,
      coachingSpectrum: Math.round(Math.min(Math.max(spectrum, SPECTRUM_MIN), SPECTRUM_MAX)),
      riskTolerance: risk,
    });
  }

  return (
    <form className="settings-form" onSubmit={submit}>
      <div className="field">
        <label htmlFor={`${id}-timezone`}>Time zone</label>
        <select
          id={`${id}-timezone`}
          name="timezone"
          value={timezone}
          onChange={(event) => edit(setTimezone)(event.target.value)}
          aria-describedby={`${id}-timezone-hint`}
        >
          {zones.map((zone) => (
            <option key={zone} value={zone}>
              {zone.replaceAll('_', ' ')}
            </option>
          ))}
        </select>
        <p className="hint" id={`${id}-timezone-hint`}>
          Your days (metrics, journal, chat limits) start at midnight here.
        </p>
      </div>
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
      <FormActions
        saving={saving}
        showSaved={Boolean(saved && !dirty)}
        error={saveError}
        submitLabel="Save settings"
        savedMessage="Settings saved."
      />
    </form>
  );
}

export interface SettingsCardProps
  extends SectionProps<Settings>,
    Omit<SettingsFieldsProps, 'settings'> {}

/** The athlete's settings: time zone, coaching style, risk tolerance. */
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
    // A new time zone or risk tolerance changes every date, metric and assessment on the page.
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
