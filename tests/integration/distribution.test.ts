/**
 * Fetching the Keycloak distribution into a cache folder leaves that folder holding the distribution and nothing
 * else: no staging folder, no Maven plugin markers.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { contract } from '@focus-api-access/contract';
import { ensureDistribution } from '../../stack/src/distribution.js';

// Maven unpacks the whole distribution (from its local repository once the stack has fetched it before).
jest.setTimeout(300_000);

const cache = mkdtempSync(join(tmpdir(), 'focus-distribution-'));
afterAll(() => rmSync(cache, { recursive: true, force: true }));

it('leaves only the unpacked distribution in the cache folder', () => {
  const home = ensureDistribution(cache, contract.keycloakVersion, () => undefined);
  expect(home).toBe(join(cache, `keycloak-${contract.keycloakVersion}`));
  expect(existsSync(join(home, 'bin', 'kc.sh'))).toBe(true);
  expect(readdirSync(cache)).toEqual([`keycloak-${contract.keycloakVersion}`]);
});
