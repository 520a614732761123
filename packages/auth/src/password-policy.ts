// What a new password must not be (OWASP ASVS 5.0, V6.2): one of the commonly used passwords, or
// the athlete's own email address or name. For sign-up and any later password change; signing
// in never checks it.
import { createRequire } from 'node:module';

type CommonLanguagePackage = typeof import('@zxcvbn-ts/language-common');

let common: ReadonlySet<string> | undefined;

/**
 * zxcvbn-ts's list of ≈ 49,000 common passwords (lower case, from leaked-password corpora; MIT),
 * read at the first check rather than at start: loading it takes ≈ 50–100 ms.
 */
function commonPasswords(): ReadonlySet<string> {
  if (!common) {
    const load = createRequire(import.meta.url);
    const { dictionary } = load('@zxcvbn-ts/language-common') as CommonLanguagePackage;
    common = new Set(dictionary['passwords-common']);
  }
  return common;
}

export const COMMON_PASSWORD_MESSAGE =
  'This password is one of the most commonly used ones; please choose another.';
export const PERSONAL_PASSWORD_MESSAGE =
  'The password must not be your email address or your name; please choose another.';

/** Why `password` may not be chosen, or null when it may; `email` is normalised already. */
export function newPasswordProblem(
  password: string,
  { email, displayName }: { email: string; displayName: string },
): string | null {
  const folded = password.normalize('NFKC').toLowerCase();
  if (commonPasswords().has(folded)) return COMMON_PASSWORD_MESSAGE;
  const personal = [email, email.split('@')[0] ?? '', displayName.trim()].map((s) =>
    s.normalize('NFKC').toLowerCase(),
  );
  if (personal.includes(folded)) return PERSONAL_PASSWORD_MESSAGE;
  return null;
}
