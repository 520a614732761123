// The import through the page's route: the export zip POSTed to a running server
// (`/api/activities/import`), timed from the first byte sent to the answer, with the server's RSS.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { request } from 'node:http';
import { pipeline } from 'node:stream/promises';
import type { BenchDatabase } from '../streams/database';
import { readProc } from '../streams/proc-stats';
import { startServer } from '../streams/server-process';

function post(url: string, zip: string, size: number, cookie: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const sending = request(
      `${url}/api/activities/import`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/octet-stream',
          'content-length': size,
          'x-file-name': 'export.zip',
          cookie,
        },
      },
      (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () =>
          response.statusCode === 200
            ? resolve(body)
            : reject(new Error(`HTTP ${response.statusCode}: ${body.slice(0, 500)}`)),
        );
      },
    );
    sending.on('error', reject);
    pipeline(createReadStream(zip), sending).catch(reject);
  });
}

/**
 * Starts the server on the database, uploads the zip as the athlete (timed from the first byte sent
 * to the answer), and stops the server; the server's RSS is sampled from before the upload.
 */
export async function viaUpload(
  env: BenchDatabase['env'],
  zip: string,
  cookie: string,
  nodeArgs: string[],
) {
  const server = await startServer({ PORT: '0', LOG_LEVEL: 'info', ...env }, nodeArgs);
  try {
    const idle = readProc(server.pid);
    let peak = idle.rssBytes;
    const sampler = setInterval(() => {
      peak = Math.max(peak, readProc(server.pid).rssBytes);
    }, 50);
    const started = performance.now();
    const body = await post(server.url, zip, (await stat(zip)).size, cookie).finally(() =>
      clearInterval(sampler),
    );
    const seconds = (performance.now() - started) / 1000;
    const last = readProc(server.pid);
    const { summary } = JSON.parse(body) as {
      summary: { imported: number; alreadyThere: number; failed: number };
    };
    return {
      summary,
      seconds,
      cpuSeconds: last.cpuSeconds - idle.cpuSeconds,
      rssPeakBytes: Math.max(peak, last.rssBytes),
      rssIdleBytes: idle.rssBytes,
    };
  } finally {
    await server.stop();
  }
}
