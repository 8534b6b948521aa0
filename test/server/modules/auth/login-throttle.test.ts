import { describe, expect, it } from 'vitest';
import { LoginThrottle } from '../../../../server/src/modules/auth/login-throttle.js';

describe(LoginThrottle.name, () => {
  const clock = () => {
    let now = 1_000_000;
    return { now: () => now, advance: (ms: number) => (now += ms) };
  };

  it('should hold a name and address back after five failures within a minute, until the first is a minute old', () => {
    const time = clock();
    const sut = new LoginThrottle(time.now);
    for (let i = 0; i < 5; i++) {
      expect(sut.retryAfterMs('ana', '10.0.0.1')).toBe(0);
      sut.recordFailure('ana', '10.0.0.1');
      time.advance(1_000);
    }

    expect(sut.retryAfterMs('ana', '10.0.0.1')).toBe(55_000);
    expect(sut.retryAfterMs('ANA', '10.0.0.1')).toBe(55_000);
    expect(sut.retryAfterMs('ana', '10.0.0.2')).toBe(0);
    expect(sut.retryAfterMs('bo', '10.0.0.1')).toBe(0);
    time.advance(55_000);
    expect(sut.retryAfterMs('ana', '10.0.0.1')).toBe(0);
  });

  it('should forget the failures of a pair that signs in', () => {
    const sut = new LoginThrottle();
    for (let i = 0; i < 4; i++) {
      sut.recordFailure('ana', '10.0.0.1');
    }

    sut.recordSuccess('ana', '10.0.0.1');
    sut.recordFailure('ana', '10.0.0.1');

    expect(sut.retryAfterMs('ana', '10.0.0.1')).toBe(0);
  });
});
