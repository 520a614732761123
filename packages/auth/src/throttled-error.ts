/** A request refused by a throttle; the API answers TOO_MANY_REQUESTS with this message. */
export class ThrottledError extends Error {
  constructor(
    what: string,
    readonly retryAfterSeconds: number,
  ) {
    super(`${what}; try again in ${retryAfterSeconds} s.`);
    this.name = new.target.name;
  }
}
