// Dates in short labels; imports nothing, so the web app can take it (`@coach/metrics/date-labels`).

// Fixed English names rather than Intl's: the same "Sep" on every engine and ICU version.
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-11-26" → "26 Nov": a local date (`YYYY-MM-DD`) in a short label, read as a calendar day. */
export function dayAndMonth(date: string): string {
  return `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1] ?? ''}`;
}
