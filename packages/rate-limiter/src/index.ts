export { UnknownAthleteError } from './errors';

export { createRateLimiter } from './rate-limiter';
export type {
  BilledTokens,
  RateLimiter,
  Reservation,
  SettleOptions,
  UsageCheck,
} from './types';
