import type { UsageCheck } from '@coach/rate-limiter';

/** The athlete has used today's allowance; nothing was sent to the model. */
export class DailyLimitReachedError extends Error {
  constructor(readonly usage: UsageCheck) {
    super("You've reached your daily limit. Resets at midnight.");
    this.name = 'DailyLimitReachedError';
  }
}

/** The athlete already has as many answers in progress here as one athlete may. */
export class TooManyStreamsError extends Error {
  constructor(readonly limit: number) {
    super(
      `You already have ${limit === 1 ? 'an answer' : `${limit} answers`} in progress. Please wait for ${limit === 1 ? 'it' : 'one'} to finish, then send again.`,
    );
    this.name = 'TooManyStreamsError';
  }
}

/** The same request is being answered by another server instance. */
export class RequestInProgressElsewhereError extends Error {
  constructor(readonly requestId: string) {
    super('This message is already being answered in another session.');
    this.name = 'RequestInProgressElsewhereError';
  }
}

/** What a resume is told when its answer is over and gone from every instance. */
export const ANSWER_GONE_MESSAGE =
  'This answer is no longer available. Please send your message again.';

/**
 * The requestId was reserved before (by this instance or another): no new answer, the client
 * follows that one. `running`: it has not been settled yet.
 */
export class AlreadyReservedError extends Error {
  constructor(readonly running: boolean) {
    super('this request was reserved before');
    this.name = 'AlreadyReservedError';
  }
}
