import { fromUtcMidnight, isLocalDate, type LocalDate, toUtcMidnight } from './calendar';

const ACUTE_DAYS = 7;
const CHRONIC_DAYS = 28;
/** ACWRs need a full chronic window of history (first activity to the date, both included). */
export const MIN_HISTORY_DAYS = CHRONIC_DAYS;
/** EWMA decay, λ = 2 / (N + 1) (Williams et al. 2017). */
const EWMA_ACUTE_LAMBDA = 2 / (ACUTE_DAYS + 1);
const EWMA_CHRONIC_LAMBDA = 2 / (CHRONIC_DAYS + 1);
/** A day whose internal load (TRIMP) is at most this counts as a rest day. */
export const REST_DAY_MAX_INTERNAL_LOAD = 10;

/** One activity's loads, already computed, on the athlete's local date. */
export interface ActivityLoad {
  localDate: LocalDate;
  externalLoad: number;
  internalLoad: number;
}

export interface DateSpan {
  from: LocalDate;
  to: LocalDate;
}

export interface DailyMetrics {
  date: LocalDate;
  externalLoad: number;
  internalLoad: number;
  externalAcuteLoad: number;
  externalChronicLoad: number;
  internalAcuteLoad: number;
  internalChronicLoad: number;
  // The rolling-average ACWR is the one shown and assessed: the thresholds and Gabbett's zones were
  // derived on rolling averages, and it matches the host app's numbers.
  externalAcwr: number | null;
  internalAcwr: number | null;
  // EWMA ratios are stored alongside as a secondary trend: they react to recent changes more smoothly.
  externalAcwrEwma: number | null;
  internalAcwrEwma: number | null;
  /** (external ACWR − internal ACWR) / their mean: positive is spare capacity, negative is strain outpacing work. */
  normalizedDivergence: number | null;
  daysSinceRest: number;
  /** Foster: mean / population SD of the last 7 days' internal load. */
  monotony: number | null;
  /** Foster: 7-day internal load × monotony. */
  strain: number | null;
}

const DAY_MS = 86_400_000;

/** Whole days since 1970-01-01; throws for anything but a real YYYY-MM-DD date. */
function dayNumber(name: string, date: LocalDate): number {
  if (!isLocalDate(date)) throw new RangeError(`${name} must be a YYYY-MM-DD date, got ${date}`);
  return Math.round(toUtcMidnight(date).getTime() / DAY_MS);
}

function at(values: Float64Array, index: number): number {
  return values[index] ?? 0;
}

/** Sum of each day's value and the `size - 1` days before it, kept as a running total. */
function rollingSums(values: Float64Array, size: number): Float64Array {
  const sums = new Float64Array(values.length);
  let sum = 0;
  let nonZero = 0;
  for (let i = 0; i < values.length; i++) {
    const incoming = at(values, i);
    sum += incoming;
    if (incoming !== 0) nonZero++;
    if (i >= size) {
      const outgoing = at(values, i - size);
      sum -= outgoing;
      if (outgoing !== 0) nonZero--;
    }
    // Subtraction leaves rounding crumbs; an all-zero window must read exactly 0 so its ratio is null.
    sums[i] = nonZero === 0 ? 0 : sum;
  }
  return sums;
}

/** EWMA_t = λ·load_t + (1 − λ)·EWMA_{t−1}; the value before the first day of history is 0. */
function ewma(previous: number, load: number, lambda: number): number {
  return lambda * load + (1 - lambda) * previous;
}

function ratio(acute: number, chronic: number): number | null {
  return chronic > 0 ? acute / chronic : null;
}

function divergence(external: number | null, internal: number | null): number | null {
  if (external === null || internal === null) return null;
  const mean = (external + internal) / 2;
  return mean > 0 ? (external - internal) / mean : null;
}

function requireLoad(name: string, value: number, date: LocalDate): void {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} on ${date} must be a finite number ≥ 0, got ${value}`);
  }
}

/**
 * One row per date from `from` to `to`. Pass the athlete's activities up to `to` (earlier ones feed the
 * windows, EWMA and rest streak); history starts at the earliest activity, and days without one count as 0.
 * O(days + activities).
 */
export function computeDailyMetrics(
  activities: readonly ActivityLoad[],
  { from, to }: DateSpan,
): DailyMetrics[] {
  const fromDay = dayNumber('from', from);
  const toDay = dayNumber('to', to);
  if (toDay < fromDay) return [];

  const activityDays = new Float64Array(activities.length);
  let historyStartDay = Number.POSITIVE_INFINITY;
  activities.forEach((activity, n) => {
    const day = dayNumber('localDate', activity.localDate);
    requireLoad('externalLoad', activity.externalLoad, activity.localDate);
    requireLoad('internalLoad', activity.internalLoad, activity.localDate);
    activityDays[n] = day;
    historyStartDay = Math.min(historyStartDay, day);
  });

  // Days are indexed from `startDay`; history before `from` is walked so the windows are full at `from`.
  const startDay = Math.min(historyStartDay, fromDay);
  const dayCount = toDay - startDay + 1;
  const historyStartIndex = historyStartDay - startDay; // Infinity without activities
  const external = new Float64Array(dayCount);
  const internal = new Float64Array(dayCount);
  const trained = new Uint8Array(dayCount);
  activities.forEach((activity, n) => {
    const i = at(activityDays, n) - startDay;
    if (i >= dayCount) return;
    external[i] = at(external, i) + activity.externalLoad;
    internal[i] = at(internal, i) + activity.internalLoad;
    trained[i] = 1;
  });

  const internalSquared = internal.map((load) => load * load);
  const externalAcute = rollingSums(external, ACUTE_DAYS);
  const externalChronic = rollingSums(external, CHRONIC_DAYS);
  const internalAcute = rollingSums(internal, ACUTE_DAYS);
  const internalChronic = rollingSums(internal, CHRONIC_DAYS);
  const internalAcuteSquared = rollingSums(internalSquared, ACUTE_DAYS);

  const fromIndex = fromDay - startDay;
  const rows: DailyMetrics[] = [];
  let externalEwmaAcute = 0;
  let externalEwmaChronic = 0;
  let internalEwmaAcute = 0;
  let internalEwmaChronic = 0;
  let daysSinceRest = 0;
  // Consecutive days with an identical internal load; the days before `startDay` are all zero.
  let sameLoadRun = ACUTE_DAYS;
  let previousInternal = 0;

  for (let i = 0; i < dayCount; i++) {
    const externalLoad = at(external, i);
    const internalLoad = at(internal, i);

    externalEwmaAcute = ewma(externalEwmaAcute, externalLoad, EWMA_ACUTE_LAMBDA);
    externalEwmaChronic = ewma(externalEwmaChronic, externalLoad, EWMA_CHRONIC_LAMBDA);
    internalEwmaAcute = ewma(internalEwmaAcute, internalLoad, EWMA_ACUTE_LAMBDA);
    internalEwmaChronic = ewma(internalEwmaChronic, internalLoad, EWMA_CHRONIC_LAMBDA);

    const isRestDay = trained[i] === 0 || internalLoad <= REST_DAY_MAX_INTERNAL_LOAD;
    daysSinceRest = isRestDay ? 0 : daysSinceRest + 1;

    sameLoadRun = internalLoad === previousInternal ? sameLoadRun + 1 : 1;
    previousInternal = internalLoad;

    if (i < fromIndex) continue;

    const externalAcuteLoad = at(externalAcute, i) / ACUTE_DAYS;
    const externalChronicLoad = at(externalChronic, i) / CHRONIC_DAYS;
    const internalAcuteSum = at(internalAcute, i);
    const internalAcuteLoad = internalAcuteSum / ACUTE_DAYS;
    const internalChronicLoad = at(internalChronic, i) / CHRONIC_DAYS;

    const enoughHistory = i - historyStartIndex + 1 >= MIN_HISTORY_DAYS;
    const externalAcwr = enoughHistory ? ratio(externalAcuteLoad, externalChronicLoad) : null;
    const internalAcwr = enoughHistory ? ratio(internalAcuteLoad, internalChronicLoad) : null;

    // Seven identical loads have SD exactly 0; checking that directly avoids dividing by rounding noise.
    const variance =
      at(internalAcuteSquared, i) / ACUTE_DAYS - internalAcuteLoad * internalAcuteLoad;
    const monotony =
      sameLoadRun >= ACUTE_DAYS || variance <= 0 ? null : internalAcuteLoad / Math.sqrt(variance);

    rows.push({
      date: fromUtcMidnight(new Date((startDay + i) * DAY_MS)),
      externalLoad,
      internalLoad,
      externalAcuteLoad,
      externalChronicLoad,
      internalAcuteLoad,
      internalChronicLoad,
      externalAcwr,
      internalAcwr,
      externalAcwrEwma: enoughHistory ? ratio(externalEwmaAcute, externalEwmaChronic) : null,
      internalAcwrEwma: enoughHistory ? ratio(internalEwmaAcute, internalEwmaChronic) : null,
      normalizedDivergence: divergence(externalAcwr, internalAcwr),
      daysSinceRest,
      monotony,
      strain: monotony === null ? null : internalAcuteSum * monotony,
    });
  }
  return rows;
}
