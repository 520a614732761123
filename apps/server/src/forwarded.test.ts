import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { clientIp, isHttps } from './forwarded';

function request(remoteAddress: string, forwardedFor?: string | string[]): IncomingMessage {
  return {
    socket: { remoteAddress },
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  } as unknown as IncomingMessage;
}

function protoRequest(forwardedProto?: string, encrypted?: boolean): IncomingMessage {
  return {
    socket: { remoteAddress: '10.0.0.5', encrypted },
    headers: forwardedProto ? { 'x-forwarded-proto': forwardedProto } : {},
  } as unknown as IncomingMessage;
}

describe('clientIp', () => {
  it('uses the socket address unless told to trust a proxy', () => {
    expect(clientIp(request('10.0.0.5', '203.0.113.9'), 0)).toBe('10.0.0.5');
  });

  it('behind one trusted proxy, takes the address that proxy appended, not what the client sent', () => {
    expect(clientIp(request('10.0.0.5', '203.0.113.9'), 1)).toBe('203.0.113.9');
    expect(clientIp(request('10.0.0.5', '6.6.6.6, 203.0.113.9'), 1)).toBe('203.0.113.9');
    expect(clientIp(request('10.0.0.5', ['6.6.6.6', '203.0.113.9']), 1)).toBe('203.0.113.9');
    expect(clientIp(request('10.0.0.5'), 1)).toBe('10.0.0.5');
  });

  it('behind several proxies, counts that many hops from the right', () => {
    const forwarded = '6.6.6.6, 203.0.113.9, 10.0.0.1';
    expect(clientIp(request('10.0.0.2', forwarded), 2)).toBe('203.0.113.9');
    expect(clientIp(request('10.0.0.2', '203.0.113.9'), 2)).toBe('203.0.113.9');
  });
});

describe('isHttps', () => {
  it('is true on a TLS socket', () => {
    expect(isHttps(protoRequest(undefined, true), 0)).toBe(true);
    expect(isHttps(protoRequest(), 0)).toBe(false);
  });

  it('believes X-Forwarded-Proto only from a trusted proxy', () => {
    expect(isHttps(protoRequest('https'), 0)).toBe(false);
    expect(isHttps(protoRequest('https'), 1)).toBe(true);
    expect(isHttps(protoRequest('HTTPS'), 1)).toBe(true);
    expect(isHttps(protoRequest('http'), 1)).toBe(false);
    expect(isHttps(protoRequest('https, http'), 1)).toBe(false);
  });
});
