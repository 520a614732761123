/**
 * Lets at most `perTurn` callers through per turn of the event loop; the others wait for the next
 * turns, in order. A burst of work that would otherwise all start in one turn (hundreds of model
 * calls, each opening a connection and sending its request) is spread over several, and the I/O
 * that arrives meanwhile (the tokens of answers already streaming) is served in between instead of
 * after the whole burst.
 */
export class TurnPacer {
  private admittedThisTurn = 0;
  private readonly waiting: (() => void)[] = [];
  private nextTurnScheduled = false;

  constructor(private readonly perTurn: number) {
    if (!Number.isInteger(perTurn) || perTurn < 1) throw new RangeError('perTurn must be ≥ 1');
  }

  /** Resolves when the caller may go ahead: at once while this turn has room, else in a later one. */
  turn(): Promise<void> {
    this.scheduleNextTurn();
    if (this.waiting.length === 0 && this.admittedThisTurn < this.perTurn) {
      this.admittedThisTurn += 1;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  private scheduleNextTurn(): void {
    if (this.nextTurnScheduled) return;
    this.nextTurnScheduled = true;
    // setImmediate runs after the loop has polled for I/O, so what arrived meanwhile goes first.
    setImmediate(() => {
      this.nextTurnScheduled = false;
      const admitted = this.waiting.splice(0, this.perTurn);
      this.admittedThisTurn = admitted.length;
      for (const resolve of admitted) resolve();
      if (this.waiting.length > 0 || admitted.length > 0) this.scheduleNextTurn();
    });
  }
}
