import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ContainerRuntimeError } from '../src/container-runtime.js';
import { startKeycloak } from '../src/keycloak.js';
import { readSettings } from '../src/settings.js';

describe('KEYCLOAK_RUNTIME=container without a Docker engine', () => {
  const dir = mkdtempSync(join(tmpdir(), 'focus-no-docker-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fails at once with a message that says what is missing and what to do', async () => {
    const settings = readSettings({
      KEYCLOAK_RUNTIME: 'container',
      DOCKER_HOST: `unix://${join(dir, 'docker.sock')}`,
      FOCUS_CACHE_DIR: join(dir, 'cache'),
      FOCUS_DATA_DIR: join(dir, 'data'),
    });
    const start = startKeycloak({ settings, ephemeral: true, ports: { http: 1, management: 2 } });
    await expect(start).rejects.toBeInstanceOf(ContainerRuntimeError);
    await expect(start).rejects.toThrow(/needs a Docker engine.*docker\.sock.*Unset KEYCLOAK_RUNTIME/s);
  });
});
