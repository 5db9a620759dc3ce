import { contract, limits } from '@focus-api-access/contract';
import type { ClientRecord, KeycloakGateway } from '../../src/core/gateway.js';
import { checkLifetimeDays, listExpiringSecrets, secretExpiryOf } from '../../src/core/secret-expiry.js';
import { cachedFor, countExpiry } from '../../src/http/secret-expiry-metrics.js';

const attr = contract.apiClientAttributes;
const NOW = new Date('2026-06-01T12:00:00Z');
const DAY = 86_400;
const seconds = (date: Date) => Math.floor(date.getTime() / 1000);

function record(id: string, expiresAt?: string, managed = true): ClientRecord {
  const attributes: Record<string, string> = {};
  if (managed) attributes[attr.managed] = contract.markerValue;
  if (expiresAt !== undefined) attributes[attr.secretExpiresAt] = expiresAt;
  return { id, clientId: `api-${id}`, name: `Client ${id}`, enabled: true, attributes, defaultClientScopes: [] };
}

describe('secretExpiryOf', () => {
  test.each([
    ['no expiry', undefined, 'none', undefined],
    ['a year ahead', String(seconds(NOW) + 365 * DAY), 'valid', '2027-06-01T12:00:00.000Z'],
    ['31 days ahead', String(seconds(NOW) + 31 * DAY), 'valid', '2026-07-02T12:00:00.000Z'],
    ['30 days ahead', String(seconds(NOW) + 30 * DAY), 'expiring', '2026-07-01T12:00:00.000Z'],
    ['one second ahead', String(seconds(NOW) + 1), 'expiring', '2026-06-01T12:00:01.000Z'],
    ['now', String(seconds(NOW)), 'expired', '2026-06-01T12:00:00.000Z'],
    ['yesterday', String(seconds(NOW) - DAY), 'expired', '2026-05-31T12:00:00.000Z'],
    ['unreadable', 'soon', 'expired', undefined],
  ])('%s → %s', (_what, stored, expiry, at) => {
    expect(secretExpiryOf(record('x', stored), NOW, 30)).toEqual({ secretExpiry: expiry, secretExpiresAt: at });
  });

  it('takes the warning window it is given', () => {
    expect(secretExpiryOf(record('x', String(seconds(NOW) + 45 * DAY)), NOW, 60).secretExpiry).toBe('expiring');
  });
});

describe('listExpiringSecrets', () => {
  /** The extension's read endpoint holding these API clients, answering pages of them. */
  function gatewayWith(records: ClientRecord[], pages: Array<{ first: number; max: number }>): KeycloakGateway {
    return {
      listApiClients: async (page: { first: number; max: number }) => {
        pages.push(page);
        return { total: records.length, clients: records.slice(page.first, page.first + page.max) };
      },
    } as unknown as KeycloakGateway;
  }

  it('walks every API client and lists the expiring and expired ones, soonest first', async () => {
    const records = Array.from({ length: 1203 }, (_, i) => record(`n${i}`, i % 2 === 0 ? undefined : String(seconds(NOW) + 400 * DAY)));
    records[7] = record('soon', String(seconds(NOW) + 10 * DAY));
    records[650] = record('gone', String(seconds(NOW) - DAY));
    records[1100] = record('later', String(seconds(NOW) + 29 * DAY));
    records[1101] = record('not-ours', String(seconds(NOW) - DAY), false);
    const pages: Array<{ first: number; max: number }> = [];
    const found = await listExpiringSecrets({ gateway: gatewayWith(records, pages), tokenEndpoint: '', now: () => NOW });
    expect(found.map((s) => [s.id, s.secretExpiry])).toEqual([
      ['gone', 'expired'],
      ['soon', 'expiring'],
      ['later', 'expiring'],
    ]);
    expect(pages.map((p) => p.first)).toEqual(Array.from({ length: 13 }, (_, i) => i * limits.pageSize));
    const within5 = await listExpiringSecrets({ gateway: gatewayWith(records, []), tokenEndpoint: '', now: () => NOW }, { withinDays: 5 });
    expect(within5.map((s) => s.id)).toEqual(['gone']);
  });
});

describe('checkLifetimeDays', () => {
  test.each([[undefined], [null]])('%s: no expiry', (raw) => {
    expect(checkLifetimeDays(raw)).toEqual({ days: undefined });
  });
  test.each([[1], [90], [limits.secretLifetimeMaxDays]])('%s days', (raw) => {
    expect(checkLifetimeDays(raw)).toEqual({ days: raw });
  });
  test.each([[0], [-1], [1.5], [limits.secretLifetimeMaxDays + 1], ['90'], [Number.NaN]])('%s is refused', (raw) => {
    expect(checkLifetimeDays(raw)).toEqual({ error: `must be a whole number of days from 1 to ${limits.secretLifetimeMaxDays}` });
  });
  it('offers only lifetimes it accepts', () => {
    for (const days of contract.secretLifetimeChoicesDays) expect(checkLifetimeDays(days)).toEqual({ days });
  });
});

describe('the metric behind it', () => {
  it('counts expiring and expired apart', () => {
    expect(
      countExpiry([
        { id: 'a', clientId: 'a', name: 'a', secretExpiresAt: '', secretExpiry: 'expired' },
        { id: 'b', clientId: 'b', name: 'b', secretExpiresAt: '', secretExpiry: 'expiring' },
        { id: 'c', clientId: 'c', name: 'c', secretExpiresAt: '', secretExpiry: 'expiring' },
      ]),
    ).toEqual({ expiring: 2, expired: 1 });
  });

  it('loads at most once per interval, shares a running load, and keeps the last value when a load fails', async () => {
    let clock = 0;
    let loads = 0;
    let fail = false;
    const value = cachedFor(
      1000,
      async () => {
        loads++;
        if (fail) throw new Error('Keycloak is down');
        return loads;
      },
      () => clock,
    );
    expect(await Promise.all([value(), value()])).toEqual([1, 1]);
    clock = 999;
    expect(await value()).toBe(1);
    clock = 1000;
    expect(await value()).toBe(2);
    fail = true;
    clock = 5000;
    expect(await value()).toBe(2);
    expect(loads).toBe(3);
  });

  it('fails when it never had a value', async () => {
    const value = cachedFor(1000, async () => Promise.reject(new Error('down')));
    await expect(value()).rejects.toThrow('down');
  });
});
