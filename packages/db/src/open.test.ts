import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DataDirLockedError } from './data-dir-lock';
import { readMigrations } from './migrations';
import { openDatabase } from './open';
import { writeMigratedTemplate } from './template';
import { createPostgresDatabase, TEST_POSTGRES_URL } from './testing';

describe('embedded database in a data folder', () => {
  it('keeps its data across reopening, and one process at a time', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'coach-data-'));
    const first = await openDatabase({ dataDir });
    await first.migrate();
    await first.prisma.user.create({
      data: { email: 'a@example.com', passwordHash: 'x', displayName: 'A' },
    });
    await expect(openDatabase({ dataDir })).rejects.toThrow(DataDirLockedError);
    await first.close();

    const second = await openDatabase({ dataDir });
    expect((await second.migrate()).applied).toEqual([]);
    expect(
      await second.prisma.user.findUnique({ where: { email: 'a@example.com' } }),
    ).toMatchObject({
      displayName: 'A',
    });
    await second.close();
  });
});

describe('embedded database on its own thread', () => {
  it("runs Prisma's transactions and reports its errors as Prisma's", async () => {
    const database = await openDatabase({ dataDir: mkdtempSync(join(tmpdir(), 'coach-data-')) });
    await database.migrate();
    const { prisma } = database;
    const user = { email: 'b@example.com', passwordHash: 'x', displayName: 'B' };
    await prisma.user.create({ data: user });
    await expect(prisma.user.create({ data: user })).rejects.toMatchObject({ code: 'P2002' });

    await expect(
      prisma.$transaction(async (tx) => {
        await tx.user.update({ where: { email: user.email }, data: { displayName: 'C' } });
        throw new Error('changed my mind');
      }),
    ).rejects.toThrow('changed my mind');
    await prisma.$transaction(async (tx) => {
      await tx.user.update({ where: { email: user.email }, data: { displayName: 'D' } });
    });
    expect(await prisma.user.findUnique({ where: { email: user.email } })).toMatchObject({
      displayName: 'D',
    });
    await database.close();
    await expect(prisma.user.count()).rejects.toThrow();
  });
});

const postgres = await createPostgresDatabase();
if (!postgres) {
  console.warn(`PostgreSQL is not reachable at ${TEST_POSTGRES_URL}: skipping its tests.`);
}

describe.skipIf(!postgres)('PostgreSQL server (DATABASE_URL)', () => {
  afterAll(() => postgres?.drop());

  it('two instances migrating at once apply each migration exactly once', async () => {
    const url = postgres?.url ?? '';
    const [a, b] = [
      await openDatabase({ databaseUrl: url }),
      await openDatabase({ databaseUrl: url }),
    ];
    const [reportA, reportB] = await Promise.all([a.migrate(), b.migrate()]);
    const names = readMigrations().map((m) => m.name);
    expect([...reportA.applied, ...reportB.applied].sort()).toEqual(names);
    expect([...reportA.alreadyApplied, ...reportB.alreadyApplied].sort()).toEqual(names);

    const ledger = await a.prisma.$queryRaw<{ migration_name: string }[]>`
      SELECT migration_name FROM "_prisma_migrations" ORDER BY migration_name`;
    expect(ledger.map((r) => r.migration_name)).toEqual(names);
    const user = await b.prisma.user.create({
      data: { email: 'pg@example.com', passwordHash: 'x', displayName: 'PG' },
    });
    expect(user.id).toBeGreaterThan(0);
    await Promise.all([a.close(), b.close()]);
  });
});

describe('a new embedded database from a template', () => {
  it('starts migrated from the template and keeps its data on disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coach-template-'));
    const template = join(dir, 'template.tar.gz');
    await writeMigratedTemplate(template);

    const dataDir = join(dir, 'data');
    const first = await openDatabase({ dataDir, template });
    expect((await first.migrate()).applied).toEqual([]);
    await first.prisma.user.create({
      data: { email: 't@example.com', passwordHash: 'x', displayName: 'T' },
    });
    await first.close();

    const again = await openDatabase({ dataDir, template });
    expect(await again.prisma.user.count()).toBe(1);
    await again.close();
  });
});
