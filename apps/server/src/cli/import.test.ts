import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openDatabase } from '@coach/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runEntry } from '../testing/process';

const REPO_ROOT = fileURLToPath(new URL('../../../..', import.meta.url));

let folder: string;
let dataDir: string;
beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'import-cli-'));
  dataDir = join(folder, 'data');
  const database = await openDatabase({ dataDir });
  await database.migrate();
  await database.prisma.user.create({
    data: { email: 'runner@example.com', passwordHash: 'unused', displayName: 'Runner' },
  });
  await database.close();
});
afterAll(() => rm(folder, { recursive: true, force: true }));

async function runImport(...args: string[]): Promise<{ code: number | null; output: string }> {
  const cli = runEntry(
    'src/cli/import.ts',
    // INIT_CWD: where `pnpm run import` was started; the paths are relative to it.
    { DATA_DIR: dataDir, LOG_LEVEL: 'warn', INIT_CWD: REPO_ROOT },
    args,
  );
  const code = await cli.exited;
  return { code, output: cli.output() };
}

describe('pnpm run import', () => {
  it('reports each file, imports what it can, and knows it the second time', async () => {
    const notes = join(folder, 'notes.txt');
    await writeFile(notes, 'not an activity');
    const args = ['fixtures/activities', notes, '--email', 'runner@example.com'];

    const first = await runImport(...args);
    expect(first.code, first.output).toBe(0);
    expect(first.output).toContain('fixtures/activities/morning-run.fit: imported');
    expect(first.output).toContain('fixtures/activities/hill-run.gpx: imported');
    expect(first.output).toContain(`${notes}: failed: not an activity file`);
    expect(first.output).toContain('4 imported, 0 already there, 1 failed');

    const second = await runImport(...args);
    expect(second.code, second.output).toBe(0);
    expect(second.output).toContain('fixtures/activities/long-ride.tcx: already there');
    expect(second.output).toContain('0 imported, 4 already there, 1 failed');
  }, 120_000); // two runs, each opening the embedded database

  it('exits non-zero only when it cannot run', async () => {
    const stranger = await runImport('fixtures/activities', '--email', 'nobody@example.com');
    expect(stranger.code).toBe(1);
    expect(stranger.output).toContain('No athlete signed up with nobody@example.com');

    const noPaths = await runImport('--email', 'runner@example.com');
    expect(noPaths.code).toBe(2);
    expect(noPaths.output).toContain('usage: pnpm run import');
  }, 120_000);
});
