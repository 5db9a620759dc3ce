/** The service account's secret from a file (`--secret-file`), which, like an ssh key, only its owner may read. */
import { readFileSync, statSync } from 'node:fs';
import { UsageError } from './secret-output.js';

export function readSecretFile(path: string): string {
  let mode: number;
  try {
    mode = statSync(path).mode;
  } catch (error) {
    throw new UsageError(`cannot read --secret-file ${path} (${(error as NodeJS.ErrnoException).code})`);
  }
  if ((mode & 0o077) !== 0) {
    throw new UsageError(
      `--secret-file ${path} can be read by others (mode ${(mode & 0o777).toString(8)}): run \`chmod 600 ${path}\` first`,
    );
  }
  const secret = readFileSync(path, 'utf8').trim();
  if (secret === '') throw new UsageError(`--secret-file ${path} is empty`);
  return secret;
}
