import { type ClientRequest, Agent as HttpAgent, type IncomingMessage, request } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { Readable } from 'node:stream';

/**
 * `fetch` for the model's SDK on `node:http` and `node:https`, with keep-alive connections. Node's
 * own fetch (undici) holds more per open response (tens of KiB per streamed answer, measured) and
 * keeps a string body for as long as the response lasts; here the body is written once and nothing
 * keeps it. Only what the SDK asks for: string bodies, no redirects followed (a 3xx is returned as
 * it is; the API gives none), no `accept-encoding` sent, so the API answers uncompressed. The
 * signal aborts at any time: before the headers the call rejects, after them the body errors,
 * both with the signal's `AbortError`. A connection lost mid-body errors the body.
 */
export const httpFetch: typeof fetch = async (input, init = {}) => {
  const url = new URL(input instanceof Request ? input.url : input);
  const { body, signal } = init;
  if (body !== undefined && body !== null && typeof body !== 'string') {
    throw new TypeError('httpFetch: only string bodies');
  }
  if (signal?.aborted) throw abortError(signal);
  const headers: Record<string, string> = {};
  new Headers(init.headers).forEach((value, name) => {
    headers[name] = value;
  });
  if (typeof body === 'string') headers['content-length'] = String(Buffer.byteLength(body));
  const secure = url.protocol === 'https:';
  const options = { method: init.method ?? 'GET', headers, agent: secure ? httpsAgent : httpAgent };
  const sent = secure ? httpsRequest(url, options) : request(url, options);
  const response = responseOf(sent, signal ?? null);
  sent.end(body ?? undefined);
  return response;
};

const httpAgent = new HttpAgent({ keepAlive: true });
const httpsAgent = new HttpsAgent({ keepAlive: true });

/** Statuses whose response has no body (a `Response` refuses one). */
const NO_BODY_STATUSES = new Set([101, 204, 205, 304]);

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  return reason instanceof Error && reason.name === 'AbortError'
    ? reason
    : new DOMException('This operation was aborted', 'AbortError');
}

/** Apart from `httpFetch`, so that nothing kept for the response's lifetime can reach the body. */
function responseOf(sent: ClientRequest, signal: AbortSignal | null): Promise<Response> {
  return new Promise((resolve, reject) => {
    let received: IncomingMessage | undefined;
    const onAbort = () => {
      const error = abortError(signal as AbortSignal);
      sent.destroy(error);
      received?.destroy(error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    const release = () => signal?.removeEventListener('abort', onAbort);
    sent.on('error', (error) => {
      release();
      reject(error); // after the headers: the body reports it, and this does nothing
    });
    sent.on('response', (incoming: IncomingMessage) => {
      received = incoming;
      incoming.once('close', release);
      const headers = new Headers();
      for (let i = 0; i + 1 < incoming.rawHeaders.length; i += 2) {
        headers.append(incoming.rawHeaders[i] as string, incoming.rawHeaders[i + 1] as string);
      }
      const status = incoming.statusCode ?? 0;
      if (NO_BODY_STATUSES.has(status)) incoming.resume();
      const body = NO_BODY_STATUSES.has(status)
        ? null
        : (Readable.toWeb(incoming) as ReadableStream<Uint8Array>);
      resolve(new Response(body, { status, statusText: incoming.statusMessage, headers }));
    });
  });
}
