// Sign-up and sign-in. The zod schemas are the API's input validators too.
import { Prisma, type PrismaClient } from '@coach/db';
import { z } from 'zod';
import { admitLoginAttempt, loginSucceeded } from './login-throttle';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password';
import { newPasswordProblem } from './password-policy';
import { admitSignup } from './signup-throttle';
import { AUTH_USER_SELECT, type AuthUser, toAuthUser } from './user';

/** The IANA name Intl knows `timeZone` by (e.g. "america/denver" → "America/Denver"), or null. */
export function canonicalTimeZone(timeZone: string): string | null {
  if (timeZone.length === 0) return null;
  try {
    return new Intl.DateTimeFormat(undefined, { timeZone }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/** Trimmed and lower-cased, then checked: "  Ann@Example.COM " → "ann@example.com". */
const emailInput = z.string().trim().toLowerCase().max(254).pipe(z.email());

const timezoneInput = z
  .string()
  .trim()
  .max(64)
  .transform((zone, ctx) => {
    const canonical = canonicalTimeZone(zone);
    if (canonical === null) {
      ctx.addIssue({ code: 'custom', message: `Unknown time zone: ${zone}` });
      return z.NEVER;
    }
    return canonical;
  });

export const signupInput = z
  .object({
    email: emailInput,
    password: z.string().min(8).max(200),
    displayName: z.string().trim().min(1).max(80),
    timezone: timezoneInput.default('UTC'),
  })
  .superRefine(({ password, email, displayName }, ctx) => {
    const problem = newPasswordProblem(password, { email, displayName });
    if (problem) ctx.addIssue({ code: 'custom', path: ['password'], message: problem });
  });

export const loginInput = z.object({
  email: emailInput,
  password: z.string().min(1).max(200),
});

export type SignupInput = z.input<typeof signupInput>;
export type LoginInput = z.input<typeof loginInput>;

export class EmailTakenError extends Error {
  constructor() {
    super('An account with this email address already exists.');
    this.name = 'EmailTakenError';
  }
}

export interface SignupOptions {
  /** the client's address, for the sign-up throttle */
  ip: string;
  now?: Date;
}

/**
 * Creates an account. Validates with `signupInput` (throws its ZodError), throws
 * SignupThrottledError when the address has signed up too often, and EmailTakenError when the
 * address is registered already — without hashing the password, which is the expensive part.
 */
export async function signup(
  prisma: PrismaClient,
  input: SignupInput,
  { ip, now = new Date() }: SignupOptions,
): Promise<AuthUser> {
  const { email, password, displayName, timezone } = signupInput.parse(input);
  await admitSignup(prisma, ip, now);
  // The answer already says whether the email is taken, so checking first discloses nothing more.
  if (await prisma.user.findUnique({ where: { email }, select: { id: true } })) {
    throw new EmailTakenError();
  }
  const passwordHash = await hashPassword(password);
  try {
    return toAuthUser(
      await prisma.user.create({
        data: { email, passwordHash, displayName, timezone },
        select: AUTH_USER_SELECT,
      }),
    );
  } catch (error) {
    // Taken meanwhile by a parallel sign-up; email is the only unique column besides the id.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
      throw new EmailTakenError();
    }
    throw error;
  }
}

export interface AuthenticateOptions {
  /** the client's address, for the login throttle */
  ip: string;
  now?: Date;
}

/**
 * The user whose email and password these are, or null. Throws LoginThrottledError, without
 * looking at the password, while the login throttle holds this attempt back (login-throttle.ts);
 * throws a ZodError for input that `loginInput` refuses.
 */
export async function authenticate(
  prisma: PrismaClient,
  credentials: LoginInput,
  { ip, now = new Date() }: AuthenticateOptions,
): Promise<AuthUser | null> {
  const { email, password } = loginInput.parse(credentials);
  const attempt = await admitLoginAttempt(prisma, { email, ip }, now);
  const user = await prisma.user.findUnique({
    where: { email },
    select: { ...AUTH_USER_SELECT, passwordHash: true },
  });
  // Always one scrypt verification, whether or not the email exists.
  const valid = await verifyPassword(password, user?.passwordHash ?? dummyPasswordHash());
  if (!user || !valid) return null; // the attempt stays recorded as a failure
  await loginSucceeded(prisma, attempt);
  return toAuthUser(user);
}
