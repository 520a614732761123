import { mkdtemp, open, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { ImportOutcome } from '@coach/activity-import';
import { type ApiDependencies, athleteChanged } from '@coach/api';
import type { Config } from '@coach/config';
import { isSameOrigin } from './http';
import { createRequestContext, type RequestContextOptions } from './request-context';

export const ACTIVITY_UPLOAD_PATH = '/api/activities/import';
/** The uploaded file's name, URI-encoded; a header a plain HTML form cannot send. */
const FILE_NAME_HEADER = 'x-file-name';

const MAX_FILE_NAME_CHARS = 255;

export type UploadLimits = Config['upload'];

/** What the upload answers with 200: one outcome per activity, named by file (and entry, in a zip). */
export interface UploadAnswer {
  results: ImportOutcome[];
  summary: { imported: number; alreadyThere: number; failed: number };
}

class Refusal extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function answer(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, {
    'content-type': 'application/json',
    'cache-control': 'no-store',
    ...(status >= 400 ? { connection: 'close' } : {}),
  });
  response.end(JSON.stringify(body));
}

/** The file's own name from the header, without any folder part; a refusal when there is none. */
function fileNameOf(request: IncomingMessage): string {
  const raw = request.headers[FILE_NAME_HEADER];
  if (typeof raw !== 'string' || raw === '') {
    throw new Refusal(400, `Name the file in the ${FILE_NAME_HEADER} header.`);
  }
  let name: string;
  try {
    name = basename(decodeURIComponent(raw).replaceAll('\\', '/'));
  } catch {
    throw new Refusal(400, `The ${FILE_NAME_HEADER} header is not URI-encoded.`);
  }
  if (name === '' || name === '.' || name === '..' || name.includes('\u0000')) {
    throw new Refusal(400, 'That is not a file name.');
  }
  if (name.length > MAX_FILE_NAME_CHARS) throw new Refusal(400, 'The file name is too long.');
  return name;
}

/**
 * Checks made before a byte of the body is read: a POST from our own pages (the CSRF rule of tRPC's
 * mutations: Origin must match when present, and a body type no plain form can send), a known
 * kind of file, and a declared size within the limit for that kind.
 */
function checkRequest(
  request: IncomingMessage,
  limits: UploadLimits,
  isActivityFileName: (name: string) => boolean,
): { name: string; maxBytes: number } {
  if (request.method !== 'POST') throw new Refusal(405, 'Upload with POST.');
  if (!isSameOrigin(request)) throw new Refusal(403, 'Requests from another site are refused.');
  const mediaType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
  if (mediaType !== 'application/octet-stream') {
    throw new Refusal(415, 'Send the file as application/octet-stream.');
  }
  const name = fileNameOf(request);
  const isZip = /\.zip$/i.test(name);
  if (!isZip && !isActivityFileName(name)) {
    throw new Refusal(
      415,
      'Not an activity file: expected .fit, .gpx or .tcx (plain or .gz), or a .zip export.',
    );
  }
  const maxBytes = isZip ? limits.maxTotalBytes : limits.maxFileBytes;
  if (Number(request.headers['content-length'] ?? 0) > maxBytes) throw tooLarge(maxBytes);
  return { name, maxBytes };
}

const tooLarge = (maxBytes: number) =>
  new Refusal(413, `The file is larger than the limit of ${maxBytes} bytes.`);

/**
 * Streams the body to `path`, a chunk at a time, and stops reading as soon as it passes `maxBytes`
 * (a chunked body has no Content-Length to check first). The request is left open so that the 413
 * can still be sent; the connection closes after it.
 */
async function receive(request: IncomingMessage, path: string, maxBytes: number): Promise<void> {
  const file = await open(path, 'wx');
  let received = 0;
  try {
    for await (const chunk of request.iterator({
      destroyOnReturn: false,
    }) as AsyncIterable<Buffer>) {
      received += chunk.length;
      if (received > maxBytes) throw tooLarge(maxBytes);
      await file.write(chunk);
    }
  } catch (error) {
    if (error instanceof Refusal) throw error;
    // The client went away mid-upload: nothing was imported.
    throw new Refusal(400, 'The upload ended before it was complete.');
  } finally {
    await file.close();
  }
  if (!request.complete) throw new Refusal(400, 'The upload ended before it was complete.');
}

/**
 * `POST /api/activities/import`: one activity file or one export zip as the raw body
 * (application/octet-stream, its name in X-File-Name), imported into the signed-in athlete's own
 * record. The body goes to a temporary folder, never wholly into memory (a zip needs random access
 * anyway), and is removed afterwards. Answers one outcome per activity.
 */
export function createActivityUploadHandler(
  deps: ApiDependencies,
  options: RequestContextOptions,
  limits: UploadLimits,
) {
  const { logger } = deps;

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Loaded at the first upload: the file readers (FIT SDK, XML parser) are megabytes of heap
    // that a server which is never sent a file does not need.
    const files = await import('@coach/activity-files');
    const { name, maxBytes } = checkRequest(request, limits, files.isActivityFileName);
    const context = await createRequestContext(deps, options, request, response, null);
    if (context.sessionLookupFailed) throw new Refusal(503, 'Please try again in a moment.');
    const user = context.user;
    if (!user) throw new Refusal(401, 'Please sign in.');

    const folder = await mkdtemp(join(tmpdir(), 'coach-upload-'));
    try {
      const path = join(folder, name);
      await receive(request, path, maxBytes);
      const { importActivities } = await import('@coach/activity-import');
      const sources = await files.openActivitySources([path]);
      const results: ImportOutcome[] = [];
      const summary = await importActivities(deps.prisma, user.id, sources.items(), (outcome) =>
        results.push({ ...outcome, origin: outcome.origin.slice(folder.length + 1) }),
      );
      if (summary.imported > 0) await athleteChanged(deps, user.id, 'activities');
      logger.info({ userId: user.id, file: name, ...summary }, 'activities uploaded');
      answer(response, 200, { results, summary } satisfies UploadAnswer);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }

  return (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    // An answer sent before the body was all read (refused, too large) ends the connection
    // rather than reading the rest of the body.
    response.once('finish', () => {
      if (!request.complete) request.destroy();
    });
    return handle(request, response).catch((error: unknown) => {
      if (!(error instanceof Refusal)) throw error;
      logger[error.status === 403 ? 'warn' : 'info'](
        { url: request.url, origin: request.headers.origin, status: error.status },
        error.message,
      );
      if (!response.headersSent) answer(response, error.status, { error: error.message });
    });
  };
}
