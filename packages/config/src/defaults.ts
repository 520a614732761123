/** What one athlete may use per local day unless the environment says otherwise. */
export const DEFAULT_DAILY_LIMITS = Object.freeze({
  /** input tokens billed per day: uncached + cache reads + cache writes */
  dailyInputTokens: 600_000,
  /** output tokens billed per day */
  dailyOutputTokens: 150_000,
  /** chat messages (requests to the model) per day */
  dailyMessages: 100,
});
