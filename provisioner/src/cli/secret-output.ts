/**
 * Where `credentials generate` may put a secret: a terminal, which a person reads, or a file the CLI creates itself
 * with mode 0600. Never a pipe or a redirected standard output (a CI log, a shell history of `> file`), and never the
 * `--json` answer on standard output, which scripts pass on. Decided before the secret is generated, so a refused
 * call changes nothing.
 */
import { closeSync, constants, openSync, unlinkSync, writeSync } from 'node:fs';

export type SecretDestination = { readonly kind: 'terminal' } | { readonly kind: 'file'; readonly path: string };

/** A call the CLI refuses as given (exit code 2), with what to do instead. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function usage(message: string): UsageError {
  return new UsageError(message);
}

/** The destination allowed for this call, or a usage error that says what to do instead. */
export function secretDestination(options: { output?: string; json: boolean; terminal: boolean }): SecretDestination {
  if (options.output !== undefined) {
    if (options.output.trim() === '') throw usage('--output needs a file name');
    return { kind: 'file', path: options.output };
  }
  if (options.json)
    throw usage('--json never prints a secret: add --output <file> to have the credentials written to a new file (mode 0600)');
  if (!options.terminal) {
    throw usage(
      'standard output is not a terminal, so the secret would end up in a pipe or a log: add --output <file> (created with mode 0600)',
    );
  }
  return { kind: 'terminal' };
}

/**
 * Creates the file for the secret before it exists: exclusively (an existing file or link is never overwritten or
 * followed) and readable by the owner only. `write` fills it once the secret is known; `discard` removes it when
 * no secret came.
 */
export function openSecretFile(path: string): { write(content: string): void; discard(): void } {
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW, 0o600);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw usage(
      code === 'EEXIST' ? `${path} exists already: choose a new file name (it is never overwritten)` : `cannot create ${path} (${code})`,
    );
  }
  return {
    write(content) {
      try {
        writeSync(fd, content);
      } finally {
        closeSync(fd);
      }
    },
    discard() {
      closeSync(fd);
      unlinkSync(path);
    },
  };
}
