import { describe, expect, it } from 'vitest';
import { isLocalRequest, isLoopback } from '../../../../server/src/modules/auth/demo-sign-in.js';

describe(isLoopback.name, () => {
  it.each([
    ['127.0.0.1', true],
    ['127.1.2.3', true],
    ['::1', true],
    ['[::1]', true],
    ['::ffff:127.0.0.1', true],
    ['localhost', true],
    ['0.0.0.0', false],
    ['::', false],
    ['192.168.1.10', false],
    ['10.0.0.1', false],
    ['example.com', false],
    ['127.0.0.1.example.com', false],
  ])('%s → %s', (host, expected) => {
    expect(isLoopback(host)).toBe(expected);
  });
});

describe(isLocalRequest.name, () => {
  it('should take a request to a loopback host with no proxy header', () => {
    expect(isLocalRequest({ host: 'localhost:3000' })).toBe(true);
    expect(isLocalRequest({ host: '127.0.0.1:3000' })).toBe(true);
    expect(isLocalRequest({ host: '[::1]:3000' })).toBe(true);
  });

  it('should refuse another host name (DNS rebinding), a proxied request, or none', () => {
    expect(isLocalRequest({ host: 'evil.example:3000' })).toBe(false);
    expect(isLocalRequest({ host: 'localhost:3000', 'x-forwarded-for': '203.0.113.5' })).toBe(false);
    expect(isLocalRequest({ host: 'localhost:3000', forwarded: 'for=203.0.113.5' })).toBe(false);
    expect(isLocalRequest({})).toBe(false);
  });
});
