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

/** Seconds from `h:mm:ss`, `m:ss` or whole minutes (`45`); null when the text is no such time. */
export function parseDuration(text: string): number | null {
  const parts = text.trim().split(':');
  if (parts.length > 3 || parts.some((part) => !/^\d+$/.test(part))) return null;
  const numbers = parts.map(Number);
  if (numbers.length === 1) return (numbers[0] ?? 0) * 60;
  if (numbers.slice(1).some((n) => n >= 60)) return null;
  return numbers.reduce((total, n) => total * 60 + n, 0);
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

/** The standard race distances an athlete picks from, in metres, with the names runners give them. */
export const RACE_DISTANCES = Object.freeze({
  '5k': { meters: 5000, name: '5 km' },
  '10k': { meters: 10_000, name: '10 km' },
  half_marathon: { meters: 21_097.5, name: 'Half marathon' },
  marathon: { meters: 42_195, name: 'Marathon' },
  '50k': { meters: 50_000, name: '50 km' },
});
export type RaceDistancePreset = keyof typeof RACE_DISTANCES;
export const RACE_DISTANCE_PRESETS = Object.keys(RACE_DISTANCES) as RaceDistancePreset[];

/** The standard distance `meters` goes by (within course or entry rounding); null for any other. */
export function raceDistancePresetOf(meters: number): RaceDistancePreset | null {
  return (
    RACE_DISTANCE_PRESETS.find(
      (preset) => Math.abs(meters - RACE_DISTANCES[preset].meters) < RACE_NAME_TOLERANCE_M,
    ) ?? null
  );
}

/** A race distance as runners say it: a standard distance by its name in any units, else the distance. */
export function formatRaceDistance(meters: number, units: Units): string {
  const preset = raceDistancePresetOf(meters);
  return preset ? RACE_DISTANCES[preset].name : formatPlanDistance(meters / 1000, units);
}

/** The unit distances are given in: km (metric) or mi (imperial). */
export function distanceUnitOf(units: Units): 'km' | 'mi' {
  return units === 'imperial' ? 'mi' : 'km';
}

/** Metres from a distance in the athlete's units (km or miles). */
export function metersFrom(distance: number, units: Units): number {
  return distance * (units === 'imperial' ? KM_PER_MILE : 1) * 1000;
}

/** A distance in metres in the athlete's units (km or miles), to `decimals` places. */
export function distanceIn(meters: number, units: Units, decimals = 2): number {
  return Number((meters / 1000 / (units === 'imperial' ? KM_PER_MILE : 1)).toFixed(decimals));
}

/** A finish or target time: `3:25:00`, `44:30`. */
export const formatRaceTime = formatDuration;

/** A number rounded for display to `digits` decimals; a missing value stays missing. */
export function roundTo(value: number | null, digits: number): number | null {
  return value === null ? null : Number(value.toFixed(digits));
}
