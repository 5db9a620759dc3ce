import { contentTime } from '../src/keycloak-home.js';

describe('contentTime', () => {
  it('is the same for the same bytes and differs for other bytes', () => {
    const jar = Buffer.from('PK\u0003\u0004 the same provider');
    expect(contentTime(jar).getTime()).toBe(contentTime(Buffer.from(jar)).getTime());
    expect(contentTime(jar).getTime()).not.toBe(contentTime(Buffer.from('PK\u0003\u0004 another provider')).getTime());
  });

  it('is a whole second in the past', () => {
    const time = contentTime(Buffer.from('x'));
    expect(time.getTime() % 1000).toBe(0);
    expect(time.getTime()).toBeLessThan(Date.UTC(2025, 0, 1));
    expect(time.getTime()).toBeGreaterThanOrEqual(Date.UTC(2020, 0, 1));
  });
});
