export class UnknownAthleteError extends Error {
  constructor(readonly userId: number) {
    super(`No athlete with id ${userId}`);
    this.name = 'UnknownAthleteError';
  }
}
