/** A written number: digits, optionally a decimal point and more digits (signs and units aside). */
const NUMBER = /\d+(?:\.\d+)?/g;

/**
 * The numbers written in a text, each in one canonical form ("1.10" → "1.1", "05" → "5",
 * "−0.052" → "0.052"), so a number can be looked up whatever its padding. Parts of dates and times
 * count as numbers of their own ("2026-11-25" → "2026", "11", "25").
 */
export function numbersIn(text: string): string[] {
  return (text.match(NUMBER) ?? []).map(canonicalNumber);
}

/** A number in the form numbersIn gives it. */
export function canonicalNumber(value: number | string): string {
  return String(Math.abs(Number(value)));
}
