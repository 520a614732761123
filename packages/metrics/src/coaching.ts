export const COACHING_SPECTRUM_MIN = 0;
export const COACHING_SPECTRUM_MAX = 100;

const COACHING_STYLES = ['casual', 'supportive', 'motivational', 'analytical'] as const;
export type CoachingStyle = (typeof COACHING_STYLES)[number];

/** The coach's voice for a spectrum setting: 0-25 casual, 26-50 supportive, 51-75 motivational, 76-100 analytical. */
export function coachingStyleFor(spectrum: number): CoachingStyle {
  // Throw rather than clamp: an out-of-range value is a bug upstream, not a preference.
  if (!(spectrum >= COACHING_SPECTRUM_MIN && spectrum <= COACHING_SPECTRUM_MAX)) {
    throw new RangeError(
      `Coaching spectrum must be between ${COACHING_SPECTRUM_MIN} and ${COACHING_SPECTRUM_MAX}, got ${spectrum}`,
    );
  }
  if (spectrum <= 25) return 'casual';
  if (spectrum <= 50) return 'supportive';
  if (spectrum <= 75) return 'motivational';
  return 'analytical';
}
