import { describe, expect, it } from 'vitest';
import { TurnPacer } from './turn-pacer';

/** Resolves after the event loop's next check phase (after the pacer's own turn, queued earlier). */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('TurnPacer', () => {
  it('lets perTurn callers through at once and the rest a batch per later turn, in order', async () => {
    const pacer = new TurnPacer(2);
    const through: number[] = [];
    for (let caller = 0; caller < 5; caller++) void pacer.turn().then(() => through.push(caller));

    await Promise.resolve();
    expect(through).toEqual([0, 1]);
    await nextTurn();
    expect(through).toEqual([0, 1, 2, 3]);
    await nextTurn();
    expect(through).toEqual([0, 1, 2, 3, 4]);
  });

  it('gives a quiet pacer’s caller its place at once, turn after turn', async () => {
    const pacer = new TurnPacer(1);
    for (let round = 0; round < 3; round++) {
      let through = false;
      void pacer.turn().then(() => {
        through = true;
      });
      await Promise.resolve();
      expect(through).toBe(true);
      await nextTurn();
      await nextTurn();
    }
  });

  it('refuses a batch size below one', () => {
    expect(() => new TurnPacer(0)).toThrow(RangeError);
  });
});
