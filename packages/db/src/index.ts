export { atomically, type DbClient } from './db-client';
export * from './generated/prisma/client';
export { readHeartRateSeconds } from './heart-rate-seconds';

export { type Database, openDatabase } from './open';
export { writeMigratedTemplate } from './template';
export { type PlannedDay, readPlannedDays } from './weekly-program';
