export {
  type AuthenticateOptions,
  authenticate,
  canonicalTimeZone,
  EmailTakenError,
  emailInput,
  type LoginInput,
  loginInput,
  type SignupInput,
  type SignupOptions,
  signup,
  signupInput,
  timezoneInput,
} from './accounts';
export {
  type CookieOptions,
  clearedSessionCookie,
  readSessionToken,
  SESSION_COOKIE,
  type SessionCookieOptions,
  sessionCookie,
} from './cookies';
export { LOGIN_THROTTLE, LoginThrottledError } from './login-throttle';
export { hashPassword, MAX_CONCURRENT_DERIVATIONS, verifyPassword } from './password';
export { pruneThrottleAttempts } from './prune-attempts';
export {
  createSession,
  deleteExpiredSessions,
  deleteSession,
  deleteUserSessions,
  isSessionActive,
  type NewSession,
  type ResolvedSession,
  resolveSession,
  SESSION_LIFETIME_MS,
  SESSION_RENEW_BELOW_MS,
} from './sessions';
export { SIGNUP_THROTTLE, SignupThrottledError } from './signup-throttle';
export { ThrottledError } from './throttled-error';
export type { AuthUser } from './user';
