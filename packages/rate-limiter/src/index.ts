export { UnknownAthleteError } from './errors';
export { type DailyLimits, DEFAULT_DAILY_LIMITS, resolveLimits } from './limits';
export { createRateLimiter } from './rate-limiter';
export type {
  BilledTokens,
  DailyStats,
  RateLimiter,
  RateLimiterOptions,
  Reservation,
  ReserveRequest,
  ReserveResult,
  SettleOptions,
  SettleResult,
  UsageCheck,
} from './types';
