import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientIp } from './request-context';

function request(remoteAddress: string, forwardedFor?: string): IncomingMessage {
  return {
    socket: { remoteAddress },
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  } as unknown as IncomingMessage;
}

describe('clientIp', () => {
  it('uses the socket address unless told to trust a proxy', () => {
    expect(clientIp(request('10.0.0.5', '203.0.113.9'), false)).toBe('10.0.0.5');
  });

  it('behind a trusted proxy, takes the first forwarded hop', () => {
    expect(clientIp(request('10.0.0.5', '203.0.113.9, 10.0.0.1'), true)).toBe('203.0.113.9');
    expect(clientIp(request('10.0.0.5'), true)).toBe('10.0.0.5');
  });
});
