import { trpc } from '../trpc';
import { formatDate, formatRatio, formatSigned, humanize } from './format';
import { SectionBody, SectionCard, type SectionProps } from './Section';
import type { CurrentMetrics, Thresholds } from './types';
import { useSection } from './useSection';

/** Ratios need four weeks of history (the chronic window). */
const CHRONIC_DAYS = 28;
/** The gauges run from 0 to at least this ratio. */
const GAUGE_MIN_MAX = 2;

type Zone = CurrentMetrics['optimalZone'];

/** Where a ratio sits, in words, against the optimal zone and the athlete's own high-risk line. */
export function acwrZoneText(
  value: number | null,
  optimal: Zone,
  highRisk: number,
  danger: number,
): string {
  if (value === null) return 'no ratio yet';
  if (value >= danger) return 'in the danger zone';
  if (value > highRisk) return 'above your high-risk line';
  if (value < optimal.min) return 'below the optimal zone';
  if (value <= optimal.max) return 'in the optimal zone';
  return 'above the optimal zone';
}

function zoneClass(value: number | null, optimal: Zone, highRisk: number): string {
  if (value === null) return 'none';
  if (value > highRisk) return 'risk';
  if (value < optimal.min || value > optimal.max) return 'watch';
  return 'ok';
}

/** The normalized divergence in words, against the athlete's thresholds. */
export function divergenceText(value: number | null, thresholds: Thresholds): string {
  if (value === null) return 'Not enough history yet.';
  if (value <= thresholds.divergenceOvertraining) {
    return 'Internal strain is far outpacing the work done: a sign of fatigue, illness or heat.';
  }
  if (value <= thresholds.divergenceCaution) {
    return 'Internal strain is starting to outpace the work done.';
  }
  if (value < 0) return 'Strain and work are about even.';
  return 'Your body is handling the work: there is spare capacity.';
}

const STATUS_TONE: Record<CurrentMetrics['assessment']['status'], string> = {
  mandatory_rest: 'alert',
  overtraining: 'alert',
  high_acwr: 'warn',
  recovery_needed: 'warn',
  undertraining: 'info',
  insufficient_history: 'info',
  normal: 'ok',
};

interface AcwrGaugeProps {
  label: string;
  /** what the ratio is made of, in a few words */
  detail: string;
  value: number | null;
  optimal: Zone;
  highRisk: number;
  danger: number;
  testId?: string;
}

function percent(value: number, max: number): string {
  return `${(Math.min(Math.max(value, 0), max) / max) * 100}%`;
}

/** One ratio: its number, and a bar with the optimal zone, the high-risk line and a marker. */
function AcwrGauge({ label, detail, value, optimal, highRisk, danger, testId }: AcwrGaugeProps) {
  const max = Math.max(GAUGE_MIN_MAX, highRisk + 0.3, danger + 0.3);
  const zone = acwrZoneText(value, optimal, highRisk, danger);
  const summary =
    value === null
      ? `${label}: no ratio yet.`
      : `${label} ${formatRatio(value)}, ${zone}. Optimal zone ${formatRatio(optimal.min)} to ${formatRatio(optimal.max)}; your high-risk line ${formatRatio(highRisk)}.`;
  return (
    <div className={`gauge gauge--${zoneClass(value, optimal, highRisk)}`}>
      <div className="gauge-head">
        <span className="gauge-label">
          {label} <span className="muted">({detail})</span>
        </span>
        <span className="gauge-value" data-testid={testId}>
          {formatRatio(value)}
        </span>
      </div>
      <div className="gauge-track" role="img" aria-label={summary}>
        <span
          className="gauge-optimal"
          style={{
            left: percent(optimal.min, max),
            width: `calc(${percent(optimal.max, max)} - ${percent(optimal.min, max)})`,
          }}
        />
        <span className="gauge-risk" style={{ left: percent(highRisk, max) }} />
        {value !== null && <span className="gauge-marker" style={{ left: percent(value, max) }} />}
      </div>
      <p className="gauge-zone">{value === null ? 'No ratio yet' : humanize(zone)}</p>
    </div>
  );
}

/** Training state: both ACWRs against the athlete's thresholds, divergence, rest, status. */
export function CurrentMetricsCard(state: SectionProps<CurrentMetrics>) {
  return (
    <SectionCard
      title="Current metrics"
      testId="current-metrics"
      aside={
        state.data ? <span className="card-date">{formatDate(state.data.date)}</span> : undefined
      }
    >
      <SectionBody
        {...state}
        empty="No metrics yet: they appear once your first activities are recorded."
      >
        {(m) => {
          const { thresholds, optimalZone: optimal, dangerZone: danger } = m;
          const restDue = m.daysSinceRest >= thresholds.maxDaysWithoutRest;
          return (
            <div className="metrics">
              <div className={`status status--${STATUS_TONE[m.assessment.status]}`}>
                <p className="status-text">{m.statusText}</p>
                {m.assessment.reasons.length > 0 && (
                  <ul className="status-reasons">
                    {m.assessment.reasons.map((reason) => (
                      <li key={reason}>{reason}</li>
                    ))}
                  </ul>
                )}
              </div>
              {m.asOf === 'yesterday' && (
                <p className="muted">As of yesterday: today counts from its first activity.</p>
              )}
              {m.asOf === 'earlier' && (
                <p className="muted">
                  Latest metrics from {formatDate(m.date)}: nothing recorded since.
                </p>
              )}
              {m.externalAcwr === null && m.internalAcwr === null && (
                <p className="muted">
                  Ratios need {CHRONIC_DAYS} days of training history; you have {m.historyDays}.
                </p>
              )}
              <AcwrGauge
                label="External ACWR"
                detail="distance and climb"
                value={m.externalAcwr}
                optimal={optimal}
                highRisk={thresholds.acwrHighRisk}
                danger={danger}
                testId="acwr-external"
              />
              <AcwrGauge
                label="Internal ACWR"
                detail="heart-rate strain"
                value={m.internalAcwr}
                optimal={optimal}
                highRisk={thresholds.acwrHighRisk}
                danger={danger}
                testId="acwr-internal"
              />
              <p className="gauge-legend">
                <span className="legend-swatch legend-swatch--optimal" aria-hidden="true" /> Optimal{' '}
                {formatRatio(optimal.min)}–{formatRatio(optimal.max)}
                <span className="legend-swatch legend-swatch--risk" aria-hidden="true" /> Your
                high-risk line {formatRatio(thresholds.acwrHighRisk)} ({m.riskTolerance})
              </p>
              <dl className="stats">
                <div>
                  <dt>Divergence</dt>
                  <dd>
                    <span className="stat-value">
                      {m.normalizedDivergence === null ? '—' : formatSigned(m.normalizedDivergence)}
                    </span>
                    <span className="stat-note">
                      {divergenceText(m.normalizedDivergence, thresholds)}
                    </span>
                  </dd>
                </div>
                <div>
                  <dt>Days since rest</dt>
                  <dd>
                    <span className={restDue ? 'stat-value stat-value--warn' : 'stat-value'}>
                      {m.daysSinceRest}
                    </span>
                    <span className="stat-note">
                      Rest due after {thresholds.maxDaysWithoutRest} days in a row.
                    </span>
                  </dd>
                </div>
              </dl>
              <p className="disclaimer">{m.disclaimer}</p>
            </div>
          );
        }}
      </SectionBody>
    </SectionCard>
  );
}

export function CurrentMetricsSection() {
  const state = useSection(trpc.coach.currentMetrics.useQuery());
  return <CurrentMetricsCard {...state} />;
}
