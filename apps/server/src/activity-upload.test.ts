import { randomUUID } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { activityFixture, stravaCsv, writeZip } from '@coach/activity-files/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { UploadAnswer } from './activity-upload';
import { rawRequest } from './testing/raw-http';
import { DEMO, startTestApp, type TestApp } from './testing/test-app';
import { signIn, signUp } from './testing/trpc-client';

const MAX_FILE_BYTES = 200_000;
const MAX_TOTAL_BYTES = 400_000;

let t: TestApp;
let scratch: string;
let gpx: Buffer;

beforeAll(async () => {
  // The server's upload folders go under this file's own scratch folder (os.tmpdir() follows
  // TMPDIR), so what is left behind is counted there, not among other processes' temp files.
  scratch = await mkdtemp(join(tmpdir(), 'upload-test-'));
  process.env.TMPDIR = scratch;
  t = await startTestApp({
    UPLOAD_MAX_FILE_BYTES: String(MAX_FILE_BYTES),
    UPLOAD_MAX_TOTAL_BYTES: String(MAX_TOTAL_BYTES),
  });
  gpx = await readFile(activityFixture('hill-run.gpx'));
}, 60_000);
afterAll(async () => {
  await t.close();
  await rm(scratch, { recursive: true, force: true });
});

/** A new athlete, signed in: their session cookie and id. */
async function newAthlete(): Promise<{ cookie: string; id: number }> {
  const email = `runner-${randomUUID()}@example.com`;
  const cookie = await signUp(t.baseUrl, email);
  const { id } = await t.app.deps.prisma.user.findUniqueOrThrow({ where: { email } });
  return { cookie, id };
}

function upload(
  name: string,
  body: RequestInit['body'],
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${t.baseUrl}/api/activities/import`, {
    method: 'POST',
    body,
    headers: {
      'content-type': 'application/octet-stream',
      'x-file-name': encodeURIComponent(name),
      ...headers,
    },
    duplex: 'half',
  } as RequestInit);
}

/** Upload folders left behind (each upload removes its own when done). */
const uploadsLeft = async () =>
  (await readdir(scratch)).filter((name) => name.startsWith('coach-upload-')).length;

const activitiesOf = (userId: number) =>
  t.app.deps.prisma.activity.findMany({ where: { userId }, orderBy: { startTime: 'asc' } });

describe('uploading activity files', () => {
  it('imports a GPX file, recomputes metrics, and the same file again is already there', async () => {
    const athlete = await newAthlete();
    const first = await upload('hill-run.gpx', gpx, { cookie: athlete.cookie });
    expect(first.status).toBe(200);
    const answer = (await first.json()) as UploadAnswer;
    expect(answer.results).toEqual([{ origin: 'hill-run.gpx', status: 'imported' }]);
    expect(answer.summary).toEqual({ imported: 1, alreadyThere: 0, failed: 0 });
    const [activity] = await activitiesOf(athlete.id);
    expect(activity?.distanceMeters).toBeCloseTo(3600, -2);
    expect(
      await t.app.deps.prisma.dailyMetrics.count({ where: { userId: athlete.id } }),
    ).toBeGreaterThan(0);

    const again = (await (
      await upload('hill-run.gpx', gpx, { cookie: athlete.cookie })
    ).json()) as UploadAnswer;
    expect(again.results).toEqual([{ origin: 'hill-run.gpx', status: 'already_there' }]);
    expect(await activitiesOf(athlete.id)).toHaveLength(1);
    await expect.poll(uploadsLeft).toBe(0);
  });

  it('clears the athlete’s context cache, so the coach sees the new activity', async () => {
    const athlete = await newAthlete();
    const cleared: number[] = [];
    const original = t.app.deps.contexts.clearUserCache.bind(t.app.deps.contexts);
    t.app.deps.contexts.clearUserCache = (userId: number) => {
      cleared.push(userId);
      original(userId);
    };
    try {
      await upload('hill-run.gpx', gpx, { cookie: athlete.cookie });
    } finally {
      t.app.deps.contexts.clearUserCache = original;
    }
    expect(cleared).toEqual([athlete.id]);
  });

  it('reports a corrupt file by name and reason; the other activities of a zip still import', async () => {
    const athlete = await newAthlete();
    const broken = await upload('broken.gpx', '<gpx><trk>', { cookie: athlete.cookie });
    expect(broken.status).toBe(200);
    const [result] = ((await broken.json()) as UploadAnswer).results;
    expect(result).toMatchObject({ origin: 'broken.gpx', status: 'failed' });
    expect(result && 'reason' in result && result.reason).toBeTruthy();

    const zip = join(scratch, `export-${randomUUID()}.zip`);
    await writeZip(zip, [
      {
        name: 'activities.csv',
        data: stravaCsv([
          {
            id: '111',
            date: 'Sep 20, 2026, 2:05:01 PM',
            name: 'Hills',
            fileName: 'activities/111.gpx',
            elapsedSeconds: 1440,
            meters: 3600,
          },
          {
            id: '222',
            date: 'Sep 22, 2026, 7:00:00 AM',
            name: 'Treadmill',
            elapsedSeconds: 1800,
            movingSeconds: 1800,
            meters: 5000,
          },
        ]),
      },
      { name: 'activities/111.gpx', data: gpx },
      { name: 'activities/999.tcx', data: Buffer.from('not xml at all') },
    ]);
    const response = await upload('export.zip', await readFile(zip), { cookie: athlete.cookie });
    expect(response.status).toBe(200);
    const { results, summary } = (await response.json()) as UploadAnswer;
    expect(summary).toEqual({ imported: 2, alreadyThere: 0, failed: 1 });
    expect(results).toContainEqual({ origin: 'export.zip/activities/111.gpx', status: 'imported' });
    expect(results).toContainEqual(
      expect.objectContaining({ origin: 'export.zip/activities/999.tcx', status: 'failed' }),
    );
    expect((await activitiesOf(athlete.id)).map((activity) => activity.name)).toEqual([
      'Hills',
      'Treadmill',
    ]);
  });

  it('refuses a name that is no activity file or zip, before reading it', async () => {
    const athlete = await newAthlete();
    const response = await upload('notes.txt', 'hello', { cookie: athlete.cookie });
    expect(response.status).toBe(415);
    expect(await response.json()).toEqual({
      error: expect.stringMatching(/not an activity file/i),
    });
  });
});

describe('limits', () => {
  it('a declared Content-Length over the per-file limit gets 413 before the body is sent', async () => {
    const cookie = await signIn(t.baseUrl, DEMO.email, DEMO.password);
    const head = [
      'POST /api/activities/import HTTP/1.1',
      'Host: 127.0.0.1',
      `Cookie: ${cookie}`,
      'Content-Type: application/octet-stream',
      'X-File-Name: big.fit',
      `Content-Length: ${MAX_FILE_BYTES + 1}`,
      '',
      '',
    ].join('\r\n');
    expect(await rawRequest(t.port, head)).toBe(413);
  });

  it('a zip may be larger than one file, up to its own limit', async () => {
    const cookie = await signIn(t.baseUrl, DEMO.email, DEMO.password);
    const head = (bytes: number) =>
      [
        'POST /api/activities/import HTTP/1.1',
        'Host: 127.0.0.1',
        `Cookie: ${cookie}`,
        'Content-Type: application/octet-stream',
        'X-File-Name: export.zip',
        `Content-Length: ${bytes}`,
        '',
        '',
      ].join('\r\n');
    expect(await rawRequest(t.port, head(MAX_TOTAL_BYTES + 1))).toBe(413);
  });

  it('a chunked body is cut with 413 once it passes the limit, and nothing is imported', async () => {
    const athlete = await newAthlete();
    const chunk = new Uint8Array(16 * 1024).fill(32);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += chunk.length;
        if (sent > 500 * MAX_FILE_BYTES) controller.close();
        else controller.enqueue(chunk);
      },
    });
    const response = await upload('huge.gpx', body, { cookie: athlete.cookie });
    expect(response.status).toBe(413);
    // The connection closed long before the client had sent it all.
    expect(sent).toBeLessThan(500 * MAX_FILE_BYTES);
    expect(await activitiesOf(athlete.id)).toEqual([]);
    await expect.poll(uploadsLeft).toBe(0);
    expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
  });
});

describe('who may upload', () => {
  it('another site’s page gets 403', async () => {
    const athlete = await newAthlete();
    const response = await upload('hill-run.gpx', gpx, {
      cookie: athlete.cookie,
      origin: 'https://evil.example',
    });
    expect(response.status).toBe(403);
    expect(await activitiesOf(athlete.id)).toEqual([]);
  });

  it('a body a plain form can send gets 415', async () => {
    const athlete = await newAthlete();
    const response = await upload('hill-run.gpx', gpx, {
      cookie: athlete.cookie,
      'content-type': 'multipart/form-data; boundary=x',
    });
    expect(response.status).toBe(415);
    expect(await activitiesOf(athlete.id)).toEqual([]);
  });

  it('signed out gets 401', async () => {
    const response = await upload('hill-run.gpx', gpx);
    expect(response.status).toBe(401);
  });

  it('only the signed-in athlete’s record is written; another athlete is untouched', async () => {
    const uploader = await newAthlete();
    const other = await newAthlete();
    const demo = await t.app.deps.prisma.user.findUniqueOrThrow({ where: { email: DEMO.email } });
    const demoBefore = await t.app.deps.prisma.activity.count({ where: { userId: demo.id } });
    const response = await upload('hill-run.gpx', gpx, { cookie: uploader.cookie });
    expect(response.status).toBe(200);
    expect(await activitiesOf(uploader.id)).toHaveLength(1);
    expect(await activitiesOf(other.id)).toEqual([]);
    expect(await t.app.deps.prisma.dailyMetrics.count({ where: { userId: other.id } })).toBe(0);
    expect(await t.app.deps.prisma.activity.count({ where: { userId: demo.id } })).toBe(demoBefore);
  });
});
