export {
  authenticate,
  EmailTakenError,
  loginInput,
  signup,
  signupInput,
} from './accounts';
export {
  clearedSessionCookie,
  readSessionToken,
  SESSION_COOKIE,
  sessionCookie,
} from './cookies';
export { LoginThrottledError } from './login-throttle';
export { hashesAtTestCost, hashPassword, verifyPassword } from './password';
export { pruneThrottleAttempts } from './prune-attempts';
export {
  createSession,
  deleteExpiredSessions,
  deleteSession,
  resolveSession,
  sessionId,
  sessionStandsUntil,
} from './sessions';
export { SignupThrottledError } from './signup-throttle';
export { ThrottledError } from './throttled-error';
