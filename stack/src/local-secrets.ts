/**
 * Credentials a local stack needs: the bootstrap admin of the master realm, the provisioner's client secret
 * and the demo users' password. Generated, never committed. A persistent data folder keeps them (mode 600)
 * because the realm is imported only at first start: the secrets must stay the ones Keycloak stored.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface LocalSecrets {
  readonly bootstrapAdmin: { readonly username: string; readonly password: string };
  readonly provisionerSecret: string;
  readonly demoPassword: string;
}

function token(bytes: number): string {
  return randomBytes(bytes).toString('base64url');
}

export function generateSecrets(): LocalSecrets {
  return {
    bootstrapAdmin: { username: 'admin', password: token(18) },
    provisionerSecret: token(32),
    // Readable enough to type in a login form.
    demoPassword: `demo-${token(6)}`,
  };
}

/** Loads the secrets kept in `file`, or generates and keeps new ones. */
export function persistentSecrets(file: string): LocalSecrets {
  if (existsSync(file)) {
    return JSON.parse(readFileSync(file, 'utf8')) as LocalSecrets;
  }
  const secrets = generateSecrets();
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  return secrets;
}
