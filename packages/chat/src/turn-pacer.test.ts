import { describe, expect, it } from 'vitest';
import { TurnPacer } from './turn-pacer';

/**
 * Resolves in the event loop's next check phase: called before a pacer's first caller of a turn,
 * it runs before that pacer's turn ends; called after, once that turn has ended.
 */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A clock that moves only when a caller's work says it took time. */
function workClock() {
  let now = 0;
  return { read: () => now, work: (ms: number) => (now += ms) };
}

/** `count` callers waiting their turn, each doing `workMs` of work once through; who went, in order. */
function callers(
  pacer: TurnPacer,
  clock: ReturnType<typeof workClock>,
  count: number,
  workMs: number,
): number[] {
  const through: number[] = [];
  for (let caller = 0; caller < count; caller++) {
    void pacer.turn().then(() => {
      through.push(caller);
      clock.work(workMs);
    });
  }
  return through;
}

describe('TurnPacer', () => {
  it('lets callers through while the turn’s budget lasts and the rest in later turns, in order', async () => {
    const clock = workClock();
    const pacer = new TurnPacer({ budgetMs: 10, maxBudgetMs: 40 }, clock.read);
    const firstTurnOver = nextTurn();
    const through = callers(pacer, clock, 7, 4);

    // Each caller goes once the one before has done its work, while less than 10 ms has been
    // spent in the turn: at 0, 4 and 8 ms.
    await firstTurnOver;
    expect(through).toEqual([0, 1, 2]);
    await nextTurn();
    expect(through).toEqual([0, 1, 2, 3, 4, 5]);
    await nextTurn();
    expect(through).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('lets one caller through per turn when each takes the whole budget', async () => {
    const clock = workClock();
    const pacer = new TurnPacer({ budgetMs: 5, maxBudgetMs: 20 }, clock.read);
    const firstTurnOver = nextTurn();
    const through = callers(pacer, clock, 3, 5);
    await firstTurnOver;
    expect(through).toEqual([0]);
    await nextTurn();
    expect(through).toEqual([0, 1]);
    await nextTurn();
    expect(through).toEqual([0, 1, 2]);
  });

  it('gives waiting callers as long as the rest of the loop took since their last turn, when longer, up to the most', async () => {
    const clock = workClock();
    const pacer = new TurnPacer({ budgetMs: 5, maxBudgetMs: 20 }, clock.read);
    const firstTurnOver = nextTurn();
    const through = callers(pacer, clock, 12, 5);
    await firstTurnOver;
    expect(through).toEqual([0]);
    // Other work (the streaming answers' tokens) takes 20 ms before the pacer's next turn.
    clock.work(20);
    await nextTurn();
    expect(through).toEqual([0, 1, 2, 3, 4]);
    // That turn's own work is not other work: the next turn has the plain budget again.
    await nextTurn();
    expect(through).toEqual([0, 1, 2, 3, 4, 5]);
    // 100 ms of other work gives the next turn the most, 20 ms: four callers.
    clock.work(100);
    await nextTurn();
    expect(through).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('gives waiting callers a share of the rest of the loop’s work, when set', async () => {
    const clock = workClock();
    const pacer = new TurnPacer(
      { budgetMs: 5, maxBudgetMs: 40, shareOfOtherWork: 0.5 },
      clock.read,
    );
    const firstTurnOver = nextTurn();
    const through = callers(pacer, clock, 12, 5);
    await firstTurnOver;
    expect(through).toEqual([0]);
    // 40 ms of other work: half of it, 20 ms, for the next turn (four callers, not eight).
    clock.work(40);
    await nextTurn();
    expect(through).toEqual([0, 1, 2, 3, 4]);
    // 6 ms of other work: half is below the plain budget, which the turn keeps.
    clock.work(6);
    await nextTurn();
    expect(through).toEqual([0, 1, 2, 3, 4, 5]);
  });

  it('lets waiting callers of a higher priority go first, whatever their arrival', async () => {
    const clock = workClock();
    const pacer = new TurnPacer({ budgetMs: 5, maxBudgetMs: 20 }, clock.read);
    const through: string[] = [];
    const caller = (name: string, priority: number) =>
      void pacer.turn(priority).then(() => {
        through.push(name);
        clock.work(5);
      });
    caller('low a', 0);
    caller('low b', 0);
    caller('high', 2);
    caller('middle', 1);
    for (let turn = 0; turn < 4; turn++) await nextTurn();
    expect(through).toEqual(['high', 'middle', 'low a', 'low b']);
  });

  it('gives a quiet pacer’s caller its place in the same turn, turn after turn', async () => {
    const clock = workClock();
    const pacer = new TurnPacer({ budgetMs: 1, maxBudgetMs: 4 }, clock.read);
    for (let round = 0; round < 3; round++) {
      let through = false;
      const turnOver = nextTurn();
      void pacer.turn().then(() => {
        through = true;
        clock.work(5);
      });
      await turnOver;
      expect(through).toBe(true);
      await nextTurn();
    }
  });

  it('refuses a budget that is not positive, or a most below it', () => {
    expect(() => new TurnPacer({ budgetMs: 0, maxBudgetMs: 1 })).toThrow(RangeError);
    expect(() => new TurnPacer({ budgetMs: 2, maxBudgetMs: 1 })).toThrow(RangeError);
    expect(() => new TurnPacer({ budgetMs: 1, maxBudgetMs: 2, shareOfOtherWork: 0 })).toThrow(
      RangeError,
    );
  });
});
