import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findPostgres } from '../../src/production/postgres-install.js';

describe('findPostgres (Debian layout /usr/lib/postgresql/<major>/bin)', () => {
  const root = mkdtempSync(join(tmpdir(), 'focus-pg-root-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  function install(major: string, programs: readonly string[]): void {
    mkdirSync(join(root, major, 'bin'), { recursive: true });
    for (const program of programs) writeFileSync(join(root, major, 'bin', program), '');
  }

  it('finds nothing where nothing is installed', () => {
    expect(findPostgres(join(root, 'missing'))).toBeUndefined();
  });

  it('takes the newest major version that has the server, initdb, pg_isready, psql and pg_dump', () => {
    install('13', ['postgres', 'initdb', 'pg_isready', 'psql', 'pg_dump']);
    install('15', ['postgres', 'initdb', 'pg_isready', 'psql', 'pg_dump']);
    install('16', ['psql', 'pg_isready']); // client only
    install('common', ['postgres']);
    expect(findPostgres(root)).toEqual({ binDir: join(root, '15', 'bin'), major: 15 });
  });
});
