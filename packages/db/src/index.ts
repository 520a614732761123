export { DataDirLockedError } from './data-dir-lock';
export { atomically, type DbClient } from './db-client';
export * from './generated/prisma/client';
export { readHeartRateSeconds } from './heart-rate-seconds';
export { MIGRATIONS_DIR, type Migration, readMigrations } from './migrations';
export { MigrationError, type MigrationReport } from './migrator';
export { type Database, type DatabaseOptions, openDatabase } from './open';
export { writeMigratedTemplate } from './template';
export { type PlannedDay, plannedDaySchema, readPlannedDays } from './weekly-program';
