/**
 * A Keycloak that cannot start: the stack stops it, says why with the tail of Keycloak's log, and leaves
 * neither a process nor a throw-away home behind.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { freePorts, NotReadyError, readSettings, startKeycloak } from '@focus-api-access/stack';

// A whole Keycloak start-up precedes the failure; on a loaded machine that takes minutes.
jest.setTimeout(600_000);

const dir = mkdtempSync(join(tmpdir(), 'focus-broken-realm-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('fails with a clear error and the log tail when the realm file cannot be imported', async () => {
  const broken = join(dir, 'broken-realm.json');
  writeFileSync(broken, '{ "realm": "broken", "clients": [ { "clientId": ');
  const [http, management] = (await freePorts(2)) as [number, number];

  const failure = await startKeycloak({
    settings: readSettings(),
    ephemeral: true,
    ports: { http, management },
    realmFiles: [broken],
  }).then(
    () => undefined,
    (error: unknown) => error,
  );

  expect(failure).toBeInstanceOf(NotReadyError);
  const message = (failure as Error).message;
  expect(message).toMatch(/Keycloak exited during start-up/);
  expect(message).toMatch(/Last lines of .*keycloak\.log:/);
  expect(message).toMatch(/broken-realm\.json|import/i);
  const home = /Last lines of (.*)\/keycloak\.log/.exec(message)?.[1];
  expect(home && existsSync(home)).toBe(false);
  const after = spawnSync('pgrep', ['-f', home ?? 'no-home'], { encoding: 'utf8' }).stdout.trim();
  expect(after).toBe('');
});
