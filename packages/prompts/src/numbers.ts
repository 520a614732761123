/**
 * A written number, each as one token, in the forms the athlete's facts print them: a date
 * (2026-11-25), a time or pace (4:45, 1:36:53), a number with thousands separators (1,500), a
 * decimal or an integer (1.31, 42.2, 20). Signs and units aside.
 */
const NUMBER = /\d{4}-\d{2}-\d{2}|\d+(?::\d{2})+|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^\d+(?::\d{2})+$/;

/**
 * The numbers written in a text, each in one canonical form, so a number can be looked up
 * whatever its padding: "1.10" → "1.1", "05" → "5", "−0.052" → "0.052", "1,500" → "1500",
 * "04:05" → "4:05"; a date or a time stays whole ("2026-11-25", "1:36:53").
 */
export function numbersIn(text: string): string[] {
  return (text.match(NUMBER) ?? []).map(canonicalToken);
}

function canonicalToken(token: string): string {
  if (DATE.test(token)) return token;
  if (TIME.test(token)) return token.replace(/^0+(?=\d)/, '');
  return canonicalNumber(token.replaceAll(',', ''));
}

/** A number in the form numbersIn gives it. */
export function canonicalNumber(value: number | string): string {
  return String(Math.abs(Number(value)));
}

/**
 * Every form in which an answer may give back the numbers of `text` (canonical, as numbersIn):
 * each number itself, a date's year, month and day ("26 Nov" for 2026-11-26), and a decimal
 * rounded to fewer places ("1.2" or "1" for 1.19).
 */
export function numberFormsIn(text: string): Set<string> {
  const forms = new Set<string>();
  for (const token of numbersIn(text)) {
    forms.add(token);
    if (DATE.test(token)) {
      for (const part of token.split('-')) forms.add(canonicalNumber(part));
    } else if (!TIME.test(token)) {
      const places = token.split('.')[1]?.length ?? 0;
      for (let kept = 0; kept < places; kept += 1) {
        // Shifting the decimal point in the text rounds half up exactly (1.15 → 1.2, not 1.1).
        forms.add(canonicalNumber(`${Math.round(Number(`${token}e${kept}`))}e-${kept}`));
      }
    }
  }
  return forms;
}
