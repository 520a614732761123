import type { AppRouter } from '@coach/api';
import { createWSClient, httpBatchLink, splitLink, wsLink } from '@trpc/client';
import { createTRPCReact } from '@trpc/react-query';

/** Typed hooks for the API; only the router's type comes from the server side. */
export const trpc = createTRPCReact<AppRouter>();

export function createTrpcClient() {
  const wsUrl = `${window.location.protocol === 'https:' ? 'wss' : 'ws'}://${window.location.host}/trpc`;
  // Reconnects by itself and resubscribes with the last event id it saw, so answers resume.
  const wsClient = createWSClient({ url: wsUrl, lazy: { enabled: true, closeMs: 30_000 } });
  return trpc.createClient({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: wsLink({ client: wsClient }),
        // The server refuses a batch of more than HTTP_MAX_BATCH_SIZE calls (default 20).
        false: httpBatchLink({ url: '/trpc', maxItems: 10 }),
      }),
    ],
  });
}
