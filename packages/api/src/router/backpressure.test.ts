import { describe, expect, it } from 'vitest';
import { HIGH_WATER_BYTES, waitForDrain } from './backpressure';

describe('waitForDrain', () => {
  it('returns at once over HTTP or when the socket has room', async () => {
    await waitForDrain({ socket: null });
    await waitForDrain({ socket: { bufferedAmount: 0 } });
  });

  it('waits while the client is behind, then goes on once it has caught up', async () => {
    const socket = { bufferedAmount: HIGH_WATER_BYTES * 2 };
    setTimeout(() => {
      socket.bufferedAmount = 0;
    }, 60);
    let done = false;
    const waiting = waitForDrain({ socket }).then(() => {
      done = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(done).toBe(false);
    await waiting;
    expect(done).toBe(true);
  });
});
