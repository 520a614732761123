/**
 * `fetch` for the model's SDK that keeps nothing of a request's body once it is sent. Node's
 * fetch (undici) keeps a string body for as long as the response lasts, and a second copy of its
 * bytes in a clone of the request, kept to follow a redirect: a streamed answer's whole prompt,
 * tens of KiB, held twice for every answer running. Here the body goes out as a one-chunk stream
 * with its length (the same bytes and headers on the wire), and redirects are refused (the API
 * gives none), which is what lets undici send the request itself rather than a clone.
 */
export const forgetfulFetch: typeof fetch = (input, init) => {
  if (typeof init?.body !== 'string') return fetch(input, init);
  const bytes = new TextEncoder().encode(init.body);
  const headers = new Headers(init.headers);
  headers.set('content-length', String(bytes.byteLength));
  return fetch(input, {
    ...init,
    headers,
    body: new ReadableStream<Uint8Array>({
      start(controller) {
        // Held by the stream's queue only, until undici has read it.
        controller.enqueue(bytes);
        controller.close();
      },
    }),
    duplex: 'half',
    redirect: 'error',
    // undici clones the request unless it has no window and refuses redirects.
    window: null,
  } as RequestInit);
};
