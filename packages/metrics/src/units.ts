/** Distances, paces and times as the athlete reads them, in their units. */

export type Units = 'metric' | 'imperial';

const KM_PER_MILE = 1.609344;
const FEET_PER_METER = 3.28084;

/** `m:ss`, or `h:mm:ss` from an hour. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  const ss = String(s).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** `m:ss` from seconds, rounded to `step` seconds. */
function clock(seconds: number, step: number): string {
  const rounded = Math.round(seconds / step) * step;
  return `${Math.floor(rounded / 60)}:${String(rounded % 60).padStart(2, '0')}`;
}

/** A pace from seconds per kilometre: `4:35/km` or `7:23/mi`. */
export function formatPace(secondsPerKm: number, units: Units): string {
  return units === 'imperial'
    ? `${clock(secondsPerKm * KM_PER_MILE, 1)}/mi`
    : `${clock(secondsPerKm, 1)}/km`;
}

/** A pace band, rounded to 5 s: `5:35–5:55/km`. */
export function formatPaceRange(fast: number, slow: number, units: Units): string {
  const scale = units === 'imperial' ? KM_PER_MILE : 1;
  const suffix = units === 'imperial' ? '/mi' : '/km';
  return `${clock(fast * scale, 5)}–${clock(slow * scale, 5)}${suffix}`;
}

function trimNumber(value: number, decimals: number): string {
  return String(Number(value.toFixed(decimals)));
}

/** A planned distance: `8 km`, `12.5 km`, `5 mi`, `7.5 mi` (imperial to the half mile). */
export function formatPlanDistance(km: number, units: Units): string {
  if (units === 'imperial') return `${trimNumber(Math.round((km / KM_PER_MILE) * 2) / 2, 1)} mi`;
  return `${trimNumber(km, 1)} km`;
}

/** A measured distance: `10.2 km`, `6.3 mi`. */
export function formatActualDistance(meters: number, units: Units): string {
  const km = meters / 1000;
  return units === 'imperial' ? `${(km / KM_PER_MILE).toFixed(1)} mi` : `${km.toFixed(1)} km`;
}

export function formatElevation(meters: number, units: Units): string {
  return units === 'imperial'
    ? `${Math.round(meters * FEET_PER_METER)} ft`
    : `${Math.round(meters)} m`;
}

/** How far a race distance may be from a standard one and still go by its name (course or entry rounding). */
const RACE_NAME_TOLERANCE_M = 50;

/** A race distance as runners say it: "Marathon", "Half marathon", "5 km" and "10 km" in any units, else the distance. */
export function formatRaceDistance(meters: number, units: Units): string {
  if (Math.abs(meters - 42_195) < RACE_NAME_TOLERANCE_M) return 'Marathon';
  if (Math.abs(meters - 21_097.5) < RACE_NAME_TOLERANCE_M) return 'Half marathon';
  if ([5000, 10_000].some((standard) => Math.abs(meters - standard) < RACE_NAME_TOLERANCE_M)) {
    return `${Math.round(meters / 1000)} km`;
  }
  return formatPlanDistance(meters / 1000, units);
}

/** A finish or target time: `3:25:00`, `44:30`. */
export const formatRaceTime = formatDuration;

/** A number rounded for display to `digits` decimals; a missing value stays missing. */
export function roundTo(value: number | null, digits: number): number | null {
  return value === null ? null : Number(value.toFixed(digits));
}
