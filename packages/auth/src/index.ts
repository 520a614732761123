export {
  type AuthenticateOptions,
  authenticate,
  canonicalTimeZone,
  EmailTakenError,
  emailInput,
  type LoginInput,
  loginInput,
  type SignupInput,
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
export { LOGIN_THROTTLE, LoginThrottledError, pruneLoginFailures } from './login-throttle';
export { hashPassword, verifyPassword } from './password';
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
export type { AuthUser } from './user';
