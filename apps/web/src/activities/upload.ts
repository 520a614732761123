/** The server's route for activity files and export zips (not tRPC: raw bodies, streamed). */
const ACTIVITY_UPLOAD_URL = '/api/activities/import';

/** What the picker and the drop zone accept; the server checks the names again. */
export const ACCEPTED_FILES = '.fit,.gpx,.tcx,.gz,.zip';

/** The server's limits on one upload (`activities.uploadLimits`). */
export interface UploadLimits {
  maxFileBytes: number;
  maxTotalBytes: number;
}

function mebibytes(bytes: number): string {
  const value = bytes / 2 ** 20;
  return `${value < 10 ? value.toFixed(1) : Math.round(value)} MB`;
}

/** Why the server would refuse this file for its size, or null: checked before anything is sent. */
export function oversizeReason(file: File, limits: UploadLimits): string | null {
  const isZip = /\.zip$/i.test(file.name);
  const limit = isZip ? limits.maxTotalBytes : limits.maxFileBytes;
  if (file.size <= limit) return null;
  return `too large to upload: ${mebibytes(file.size)}, and ${
    isZip ? 'an export zip' : 'an activity file'
  } may be at most ${mebibytes(limit)}; not sent`;
}

/** One activity's outcome, as the server reports it. */
export type UploadOutcome =
  | { origin: string; status: 'imported' | 'already_there'; note?: string }
  | { origin: string; status: 'failed'; reason: string };

export interface UploadAnswer {
  results: UploadOutcome[];
  summary: { imported: number; alreadyThere: number; failed: number };
}

/** Sends one file; `onProgress` gets the share sent so far (0–1). */
export type UploadFile = (file: File, onProgress: (sent: number) => void) => Promise<UploadAnswer>;

export function failedAnswer(file: File, reason: string): UploadAnswer {
  return {
    results: [{ origin: file.name, status: 'failed', reason }],
    summary: { imported: 0, alreadyThere: 0, failed: 1 },
  };
}

/**
 * Uploads a file as the raw body, its name in a header (a body type and header a plain form cannot
 * send, which is the server's CSRF rule). XMLHttpRequest because it reports upload progress. A
 * refusal (too large, signed out, not an activity file) comes back as the file's failed result.
 */
export const uploadActivityFile: UploadFile = (file, onProgress) =>
  new Promise((resolve) => {
    const request = new XMLHttpRequest();
    request.open('POST', ACTIVITY_UPLOAD_URL);
    request.setRequestHeader('content-type', 'application/octet-stream');
    request.setRequestHeader('x-file-name', encodeURIComponent(file.name));
    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    request.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(request.responseText);
      } catch {
        // answered by something other than the server (a proxy): the status says enough
      }
      if (request.status === 200 && body && typeof body === 'object' && 'results' in body) {
        resolve(body as UploadAnswer);
        return;
      }
      const message = (body as { error?: unknown } | null)?.error;
      resolve(
        failedAnswer(
          file,
          typeof message === 'string' ? message : `the upload failed (HTTP ${request.status})`,
        ),
      );
    };
    request.onerror = () => resolve(failedAnswer(file, 'the upload failed: no connection'));
    request.send(file);
  });
