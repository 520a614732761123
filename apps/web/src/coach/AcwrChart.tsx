import { dayAndMonth } from '@coach/metrics/date-labels';
import { useId } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { trpc } from '../trpc';
import { formatDate, formatRatio } from './format';
import { SectionBody, SectionCard, type SectionProps } from './Section';
import type { AcwrPoint } from './types';
import { useSection } from './useSection';

const CHART_DAYS = 90;
/** Gabbett's optimal zone; the page shows the API's own copy when it has one. */
const DEFAULT_OPTIMAL_ZONE = { min: 0.8, max: 1.3 } as const;

const EXTERNAL_COLOR = '#1d5fbf';
const INTERNAL_COLOR = '#b34700';
const RISK_COLOR = '#b3261e';
const OPTIMAL_COLOR = '#2e7d32';

export interface AcwrChartCardProps extends SectionProps<AcwrPoint[]> {
  /** the athlete's high-risk ACWR (their risk tolerance); no line without it */
  highRisk?: number | null;
  optimal?: { min: number; max: number };
  /** a fixed size instead of following the container (tests, print) */
  width?: number;
  height?: number;
}

function hasRatios(points: AcwrPoint[]): boolean {
  return points.some((p) => p.externalAcwr !== null || p.internalAcwr !== null);
}

function latestWithRatios(points: AcwrPoint[]): AcwrPoint | undefined {
  return points.findLast((p) => p.externalAcwr !== null || p.internalAcwr !== null);
}

/** What the chart shows, in one or two sentences, for its SVG description and screen readers. */
export function chartDescription(
  points: AcwrPoint[],
  optimal: { min: number; max: number },
  highRisk: number | null,
): string {
  const latest = latestWithRatios(points);
  const band = `The shaded band is the optimal zone, ${formatRatio(optimal.min)} to ${formatRatio(optimal.max)}`;
  const line =
    highRisk === null ? '' : `; the red line is your high-risk line at ${formatRatio(highRisk)}`;
  const now = latest
    ? ` On ${formatDate(latest.date)}: external ${formatRatio(latest.externalAcwr)}, internal ${formatRatio(latest.internalAcwr)}.`
    : '';
  return `External and internal acute:chronic workload ratios, day by day. ${band}${line}.${now}`;
}

/** The last 90 days of both ACWRs, with the optimal band and the athlete's high-risk line. */
export function AcwrChartCard({
  highRisk = null,
  optimal = DEFAULT_OPTIMAL_ZONE,
  width,
  height = 280,
  ...state
}: AcwrChartCardProps) {
  const descriptionId = useId();
  const reduceMotion =
    typeof window !== 'undefined' &&
    typeof window.matchMedia === 'function' &&
    window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  return (
    <SectionCard title={`ACWR, last ${CHART_DAYS} days`} testId="acwr-chart" className="card--wide">
      <SectionBody
        {...state}
        empty="No ACWR history yet: ratios appear after four weeks of training."
        isEmpty={(points) => !hasRatios(points)}
      >
        {(points) => {
          const description = chartDescription(points, optimal, highRisk);
          const top = Math.max(
            ...points.flatMap((p) => [p.externalAcwr ?? 0, p.internalAcwr ?? 0]),
            highRisk ?? 0,
            optimal.max,
          );
          const yMax = Math.max(1.6, Math.ceil((top + 0.1) * 5) / 5);
          return (
            <figure className="chart">
              <figcaption id={descriptionId} className="chart-caption">
                {description}
              </figcaption>
              <LineChart
                data={points}
                responsive={width === undefined}
                width={width}
                height={width === undefined ? undefined : height}
                style={width === undefined ? { width: '100%', height } : undefined}
                margin={{ top: 8, right: 12, bottom: 4, left: -12 }}
                title={`External and internal ACWR, last ${CHART_DAYS} days`}
                desc={description}
                aria-describedby={descriptionId}
              >
                <CartesianGrid stroke="#d8dde6" strokeDasharray="3 3" vertical={false} />
                <ReferenceArea
                  y1={optimal.min}
                  y2={optimal.max}
                  fill={OPTIMAL_COLOR}
                  fillOpacity={0.12}
                  stroke="none"
                  ifOverflow="extendDomain"
                />
                {highRisk !== null && (
                  <ReferenceLine
                    y={highRisk}
                    stroke={RISK_COLOR}
                    strokeWidth={1.5}
                    strokeDasharray="6 4"
                    ifOverflow="extendDomain"
                    label={{
                      value: `High risk ${formatRatio(highRisk)}`,
                      position: 'insideTopRight',
                      fill: RISK_COLOR,
                      fontSize: 12,
                    }}
                  />
                )}
                <XAxis
                  dataKey="date"
                  tickFormatter={dayAndMonth}
                  minTickGap={24}
                  tick={{ fontSize: 12, fill: '#3d4656' }}
                />
                <YAxis
                  domain={[0, yMax]}
                  tickFormatter={(value: number) => value.toFixed(1)}
                  tick={{ fontSize: 12, fill: '#3d4656' }}
                  width={48}
                />
                <Tooltip
                  labelFormatter={(label) => formatDate(String(label))}
                  formatter={(value) => formatRatio(typeof value === 'number' ? value : null)}
                />
                <Legend />
                <Line
                  type="monotone"
                  dataKey="externalAcwr"
                  name="External ACWR"
                  stroke={EXTERNAL_COLOR}
                  strokeWidth={2}
                  dot={false}
                  isAnimationActive={!reduceMotion}
                />
                <Line
                  type="monotone"
                  dataKey="internalAcwr"
                  name="Internal ACWR"
                  stroke={INTERNAL_COLOR}
                  strokeWidth={2}
                  strokeDasharray="5 3"
                  dot={false}
                  isAnimationActive={!reduceMotion}
                />
              </LineChart>
              <details className="chart-data">
                <summary>Show the numbers</summary>
                <div className="table-scroll">
                  <table>
                    <caption className="visually-hidden">ACWR by day</caption>
                    <thead>
                      <tr>
                        <th scope="col">Date</th>
                        <th scope="col">External</th>
                        <th scope="col">Internal</th>
                      </tr>
                    </thead>
                    <tbody>
                      {points.toReversed().map((p) => (
                        <tr key={p.date}>
                          <th scope="row">{formatDate(p.date)}</th>
                          <td>{formatRatio(p.externalAcwr)}</td>
                          <td>{formatRatio(p.internalAcwr)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              </details>
            </figure>
          );
        }}
      </SectionBody>
    </SectionCard>
  );
}

export function AcwrChartSection() {
  const state = useSection(trpc.coach.acwrSeries.useQuery({ days: CHART_DAYS }));
  // The thresholds come with the current metrics (the same cached query as that card's).
  const metrics = trpc.coach.currentMetrics.useQuery();
  return (
    <AcwrChartCard
      {...state}
      highRisk={metrics.data?.thresholds.acwrHighRisk ?? null}
      optimal={metrics.data?.optimalZone ?? DEFAULT_OPTIMAL_ZONE}
    />
  );
}
