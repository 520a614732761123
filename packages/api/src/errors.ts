import {
  ActivityNotEditableError,
  ActivityNotFoundError,
  MemoryFullError,
  MemoryItemNotFoundError,
  MemoryProposalNotFoundError,
  RaceNotFoundError,
  SecondARaceError,
  TimezoneChangeTooSoonError,
  UnknownAthleteError as UnknownCoachAthlete,
} from '@coach/athlete-data';
import { EmailTakenError, ThrottledError } from '@coach/auth';
import {
  ConversationNotFoundError,
  DailyLimitReachedError,
  RequestInProgressElsewhereError,
  TooManyStreamsError,
} from '@coach/chat';
import type { Logger } from '@coach/config';
import { GENERIC_ERROR_MESSAGE } from '@coach/prompts';
import { UnknownAthleteError as UnknownLimiterAthlete } from '@coach/rate-limiter';
import { TRPCError } from '@trpc/server';
import { ZodError } from 'zod';

export { GENERIC_ERROR_MESSAGE };

/** The one place where domain errors become tRPC codes; anything unknown is logged, never shown. */
export function toTRPCError(error: unknown, logger: Logger): TRPCError {
  if (error instanceof TRPCError) return error;
  if (error instanceof DailyLimitReachedError) {
    return new TRPCError({ code: 'TOO_MANY_REQUESTS', message: error.message, cause: error });
  }
  // The sign-in and sign-up throttles, the stream cap and the time zone interval: each message
  // says when to try again.
  if (
    error instanceof ThrottledError ||
    error instanceof TooManyStreamsError ||
    error instanceof TimezoneChangeTooSoonError
  ) {
    return new TRPCError({ code: 'TOO_MANY_REQUESTS', message: error.message, cause: error });
  }
  if (
    error instanceof RequestInProgressElsewhereError ||
    error instanceof EmailTakenError ||
    error instanceof SecondARaceError ||
    error instanceof MemoryFullError
  ) {
    return new TRPCError({ code: 'CONFLICT', message: error.message, cause: error });
  }
  // Another athlete's id is as unknown as one that never existed.
  if (
    error instanceof ActivityNotFoundError ||
    error instanceof RaceNotFoundError ||
    error instanceof MemoryItemNotFoundError ||
    error instanceof MemoryProposalNotFoundError ||
    error instanceof ConversationNotFoundError
  ) {
    return new TRPCError({ code: 'NOT_FOUND', message: error.message, cause: error });
  }
  if (error instanceof ActivityNotEditableError) {
    return new TRPCError({ code: 'BAD_REQUEST', message: error.message, cause: error });
  }
  // A session that outlived its account.
  if (error instanceof UnknownCoachAthlete || error instanceof UnknownLimiterAthlete) {
    return new TRPCError({ code: 'UNAUTHORIZED', message: 'Please sign in again.' });
  }
  if (error instanceof ZodError) {
    return new TRPCError({
      code: 'BAD_REQUEST',
      message: error.issues[0]?.message ?? 'Invalid input',
      cause: error,
    });
  }
  logger.error({ err: error }, 'unexpected error in an API call');
  return new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: GENERIC_ERROR_MESSAGE });
}
