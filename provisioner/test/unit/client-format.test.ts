import type { ApiClient } from '../../src/core/model.js';
import { client, clientPage } from '../../src/cli/format.js';

const apiClient = (over: Partial<ApiClient>): ApiClient => ({
  id: 'uuid-1',
  clientId: 'api-eaglebe-1a2b',
  name: 'Eaglebe',
  enabled: true,
  services: ['openhappening-eaglebe'],
  ipRanges: [],
  createdBy: 'beheerder',
  createdAt: '2026-11-01T10:00:00.000Z',
  credentialsGeneratedBy: 'beheerder',
  credentialsGeneratedAt: '2026-11-01T10:05:00.000Z',
  previousSecretValidUntil: undefined,
  secretExpiresAt: undefined,
  secretExpiry: 'none',
  ...over,
});

const line = (text: string, label: string) => text.split('\n').find((l) => l.startsWith(label));

describe("a client's secret expiry in the CLI", () => {
  test('is "never" for a secret without expiry', () => {
    expect(line(client(apiClient({})), 'Secret expires')).toMatch(/ never$/);
  });

  test('is no expiry at all before the first generation, in the record and in the list', () => {
    const never = apiClient({ credentialsGeneratedAt: undefined, credentialsGeneratedBy: undefined });
    expect(line(client(never), 'Credentials')).toMatch(/ never generated$/);
    expect(line(client(never), 'Secret expires')).toMatch(/ - \(no credentials yet\)$/);
    const list = clientPage({ items: [{ ...never, lastUse: undefined }], first: 0, max: 20, total: 1, hasMore: false, search: undefined });
    expect(list).toContain('- (no credentials yet)');
    expect(list).not.toMatch(/\bnever\b.*openhappening/);
  });
});
