import { MAX_LIMIT } from './limits';

/** Throws RangeError unless `value` is a whole number of tokens the counters can hold. */
export function assertTokenCount(name: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > MAX_LIMIT) {
    throw new RangeError(`${name} must be a whole number from 0 to ${MAX_LIMIT}: ${value}`);
  }
}
