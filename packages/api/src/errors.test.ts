import {
  RaceNotFoundError,
  SecondARaceError,
  TimezoneChangeTooSoonError,
} from '@coach/athlete-data';
import { EmailTakenError, LoginThrottledError, SignupThrottledError } from '@coach/auth';
import {
  DailyLimitReachedError,
  RequestInProgressElsewhereError,
  TooManyStreamsError,
} from '@coach/chat';
import { TRPCError } from '@trpc/server';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GENERIC_ERROR_MESSAGE, toTRPCError } from './errors';

function recordingLogger() {
  const errors: object[] = [];
  return {
    errors,
    logger: { info: () => {}, warn: () => {}, error: (details: object) => errors.push(details) },
  };
}

describe('toTRPCError', () => {
  const usage = {
    allowed: false,
    remainingMessages: 0,
    inputTokensUsed: 1,
    outputTokensUsed: 1,
    messageCount: 100,
    limit: 100,
  };

  it('maps each domain error to its code', () => {
    const { logger } = recordingLogger();
    expect(toTRPCError(new DailyLimitReachedError(usage), logger).code).toBe('TOO_MANY_REQUESTS');
    expect(toTRPCError(new LoginThrottledError(60), logger).code).toBe('TOO_MANY_REQUESTS');
    expect(toTRPCError(new TooManyStreamsError(3), logger).code).toBe('TOO_MANY_REQUESTS');
    expect(toTRPCError(new TimezoneChangeTooSoonError(5), logger).code).toBe('TOO_MANY_REQUESTS');
    const signupThrottled = toTRPCError(new SignupThrottledError(120), logger);
    expect(signupThrottled.code).toBe('TOO_MANY_REQUESTS');
    expect(signupThrottled.message).toBe(
      'Too many sign-ups from this address; try again in 120 s.',
    );
    expect(toTRPCError(new RequestInProgressElsewhereError('r'), logger).code).toBe('CONFLICT');
    expect(toTRPCError(new EmailTakenError(), logger).code).toBe('CONFLICT');
    const secondA = toTRPCError(
      new SecondARaceError({ name: 'Berlin', raceDate: '2027-09-26' }),
      logger,
    );
    expect(secondA.code).toBe('CONFLICT');
    expect(secondA.message).toMatch(/^You already have an A race ahead: Berlin on 2027-09-26\./);
    expect(toTRPCError(new RaceNotFoundError('goal'), logger)).toMatchObject({
      code: 'NOT_FOUND',
      message: 'No such race goal.',
    });
    const zodError = z.object({ a: z.number() }).safeParse({ a: 'x' }).error;
    expect(toTRPCError(zodError, logger).code).toBe('BAD_REQUEST');
  });

  it('keeps the limit’s usage stats as the cause, for the error formatter', () => {
    const { logger } = recordingLogger();
    expect(toTRPCError(new DailyLimitReachedError(usage), logger).cause).toBeInstanceOf(
      DailyLimitReachedError,
    );
  });

  it('hides anything unexpected behind a generic message and logs it', () => {
    const { logger, errors } = recordingLogger();
    const mapped = toTRPCError(new Error('connection string postgres://secret@db failed'), logger);
    expect(mapped.code).toBe('INTERNAL_SERVER_ERROR');
    expect(mapped.message).toBe(GENERIC_ERROR_MESSAGE);
    expect(mapped.cause).toBeUndefined();
    expect(errors).toHaveLength(1);
  });

  it('passes deliberate tRPC errors through', () => {
    const { logger } = recordingLogger();
    const unauthorized = new TRPCError({ code: 'UNAUTHORIZED' });
    expect(toTRPCError(unauthorized, logger)).toBe(unauthorized);
  });
});
