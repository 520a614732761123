import type { PrismaClient } from '@coach/db';
import type { LocalDate } from '@coach/metrics';
import type { DailyLimits } from './limits';

export interface RateLimiterOptions {
  prisma: PrismaClient;
  /** per-day limits; anything left out keeps DEFAULT_DAILY_LIMITS */
  limits?: Partial<DailyLimits>;
  /** the clock, for tests; defaults to the system clock */
  now?: () => Date;
}

export interface ReserveRequest {
  userId: number;
  /** the client's id for this send (a UUID): a repeat with the same id is never charged twice */
  requestId: string;
  /** estimated input tokens of the whole request (see estimateTokens) */
  inputTokens: number;
  /** output tokens the answer may use (e.g. the max_tokens asked of the model) */
  outputTokens: number;
}

/** A charge held against one usage day until it is settled. */
export interface Reservation {
  userId: number;
  requestId: string;
  /** the athlete's local day the reservation was charged to */
  date: LocalDate;
}

/** The plan's check_usage shape. Used counts include reservations still in flight. */
export interface UsageCheck {
  /** false once any of the three daily limits is reached */
  allowed: boolean;
  remainingMessages: number;
  inputTokensUsed: number;
  outputTokensUsed: number;
  messageCount: number;
  /** the daily message limit */
  limit: number;
}

export type ReserveResult =
  | { status: 'reserved'; reservation: Reservation }
  | { status: 'limited'; usage: UsageCheck }
  /**
   * this (userId, requestId) was reserved before: nothing was charged. `pending`: that request is
   * still being answered (somewhere); false once it has been settled.
   */
  | { status: 'duplicate'; pending: boolean };

/** Tokens the provider billed for one request. */
export interface BilledTokens {
  /** everything billed as input: uncached + cache read + cache write (the caller sums them) */
  inputTokens: number;
  outputTokens: number;
}

export interface SettleOptions {
  /**
   * give the reserved message back as well (the answer cost nothing, e.g. the offline coach gave
   * it): the day's message count goes down by one, once
   */
  releaseMessage?: boolean;
}

export interface SettleResult {
  /** true when this call settled the reservation; false when it was settled already (or unknown) */
  settled: boolean;
}

/** For display: the plan's get_daily_stats plus what a usage meter needs. */
export interface DailyStats {
  messagesUsed: number;
  messagesRemaining: number;
  messageLimit: number;
  /** 0–100, one decimal: the most used of the three daily limits */
  percentageUsed: number;
  inputTokensUsed: number;
  outputTokensUsed: number;
  date: LocalDate;
  /** ISO instant of the athlete's next local midnight, when a new usage day starts */
  resetsAt: string;
}

export interface RateLimiter {
  readonly limits: Readonly<DailyLimits>;
  /** Atomically charges an estimate to the athlete's usage day, within the limits. */
  reserve(request: ReserveRequest): Promise<ReserveResult>;
  /** Replaces a reservation's estimate with the billed tokens, on the reservation's own day. */
  settle(
    reservation: Reservation,
    billed: BilledTokens,
    options?: SettleOptions,
  ): Promise<SettleResult>;
  /** The plan's check_usage for the athlete's usage day. */
  checkUsage(userId: number): Promise<UsageCheck>;
  /** The plan's record_usage: adds billed tokens and one message to today, with no reservation. */
  recordUsage(userId: number, inputTokens: number, outputTokens: number): Promise<void>;
  getDailyStats(userId: number): Promise<DailyStats>;
  /**
   * Settles reservations still pending `olderThanMs` after they were made (their request died
   * with its process) at their estimates; returns how many it settled.
   */
  settleStaleReservations(olderThanMs: number): Promise<number>;
}
