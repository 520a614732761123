import { request } from 'node:http';

export interface JsonResponse {
  status: number;
  body: unknown;
  /** the session cookie's `name=value`, when the response set one */
  cookie: string | null;
}

/**
 * POSTs JSON from a chosen local address (e.g. 127.0.0.2): the server sees each loopback address
 * as another client, without any proxy header.
 */
export function postJson(
  url: string,
  body: unknown,
  localAddress = '127.0.0.1',
): Promise<JsonResponse> {
  return new Promise((resolve, reject) => {
    const payload = JSON.stringify(body);
    const req = request(
      url,
      {
        method: 'POST',
        localAddress,
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          const setCookie = res.headers['set-cookie']?.[0];
          resolve({
            status: res.statusCode ?? 0,
            body: text ? JSON.parse(text) : null,
            cookie: setCookie?.split(';')[0] ?? null,
          });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}
