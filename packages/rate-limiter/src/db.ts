/**
 * Interactive transactions here are a few statements long; the waits are generous because an
 * embedded PGlite runs one transaction at a time and a burst of requests queues behind it.
 */
export const TRANSACTION_OPTIONS = { maxWait: 15_000, timeout: 15_000 } as const;
