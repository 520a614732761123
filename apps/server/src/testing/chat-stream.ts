import type { ChatEvent } from '@coach/chat';
import type { createClient } from './trpc-client';

type Client = ReturnType<typeof createClient>['client'];
export type StreamInput = Parameters<Client['chat']['stream']['subscribe']>[0];
export interface TrackedEvent {
  id: string;
  data: ChatEvent;
}

/** Subscribes to chat.stream; resolves with every event once the answer ends (or the server ends the stream). */
export function streamAnswer(
  api: Client,
  input: StreamInput,
  onEvent?: (event: TrackedEvent) => void,
): Promise<TrackedEvent[]> {
  return new Promise((resolve, reject) => {
    const events: TrackedEvent[] = [];
    const subscription = api.chat.stream.subscribe(input, {
      onData: (event) => {
        const tracked = event as unknown as TrackedEvent;
        events.push(tracked);
        onEvent?.(tracked);
        if (tracked.data.type !== 'token') {
          subscription.unsubscribe();
          resolve(events);
        }
      },
      onComplete: () => resolve(events),
      onError: (error) => reject(error),
    });
  });
}
