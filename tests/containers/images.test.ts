/**
 * The project's images as built from deploy/ (here on stand-in bases, stack/images/): they run as a non-root user and
 * carry no secret, neither in a layer's files nor in the history of how they were built. (The containers project's
 * global setup reports their sizes.)
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { containerEnvironment } from './support/environment.js';
import { docker, succeeded } from './support/compose.js';

const { images } = containerEnvironment();
const project = [
  ['keycloak', images.keycloak!, 'keycloak'],
  ['provisioner', images.provisioner!, 'node'],
] as const;

/** File names that hold keys or secrets, wherever they sit in a layer. */
const SECRET_FILE = /(^|\/)(\.env(\..*)?|secrets\.json|.*\.key|.*\.p12|.*\.pfx|.*\.jks|id_(rsa|ecdsa|ed25519)|\.npmrc|\.git-credentials)$/;
/** Build steps that would put a secret into the image's configuration or history. */
const SECRET_SETTING = /(PASSWORD|SECRET|TOKEN|PRIVATE_KEY|CREDENTIAL)\w*=/i;

describe.each(project)('the %s image', (_, image, user) => {
  test(`runs as the unprivileged user ${user}`, async () => {
    const config = JSON.parse(
      succeeded('docker image inspect', await docker(['image', 'inspect', '--format', '{{json .Config}}', image])).stdout,
    );
    expect(config.User).toBe(user);
    const id = succeeded('docker run id', await docker(['run', '--rm', '--entrypoint', 'id', image, '-u'])).stdout.trim();
    expect(Number(id)).toBeGreaterThan(0);
  });

  test('sets no secret in its configuration or in any build step', async () => {
    const config = JSON.parse(
      succeeded('docker image inspect', await docker(['image', 'inspect', '--format', '{{json .Config}}', image])).stdout,
    );
    expect((config.Env as string[]).filter((entry) => SECRET_SETTING.test(entry))).toEqual([]);
    const history = succeeded('docker history', await docker(['history', '--no-trunc', '--format', '{{.CreatedBy}}', image])).stdout.split(
      '\n',
    );
    expect(history.length).toBeGreaterThan(3);
    expect(history.filter((step) => SECRET_SETTING.test(step))).toEqual([]);
  });

  test(
    'holds no key or secret file in any layer',
    async () => {
      const out = mkdtempSync(join(tmpdir(), 'focus-image-'));
      try {
        succeeded('docker save', await docker(['save', '--output', join(out, 'image.tar'), image], { timeoutMs: 10 * 60_000 }));
        expect(spawnSync('tar', ['-xf', join(out, 'image.tar'), '-C', out]).status).toBe(0);
        const layers = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((name) => name.endsWith('layer.tar'));
        expect(layers.length).toBeGreaterThan(3);
        const found: string[] = [];
        for (const layer of layers) {
          const names = spawnSync('tar', ['-tf', join(out, layer)], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 }).stdout.split('\n');
          found.push(...names.filter((name) => SECRET_FILE.test(name)));
        }
        expect(found).toEqual([]);
      } finally {
        rmSync(out, { recursive: true, force: true });
      }
    },
    10 * 60_000,
  );
});
