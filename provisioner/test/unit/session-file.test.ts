import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readSession, removeSession, sessionPath, SessionFileError, writeSession, type Session } from '../../src/cli/session-file.js';

const session: Session = {
  provisionerUrl: 'https://api-toegang.focus.example',
  issuer: 'https://sso.focus.example/realms/focus',
  clientId: 'focus-api-access-cli',
  username: 'beheerder',
  accessToken: 'access',
  accessTokenExpiresAt: 1_000,
  refreshToken: 'refresh',
  refreshTokenExpiresAt: 2_000,
};

let root: string;
beforeEach(() => (root = mkdtempSync(join(tmpdir(), 'focus-session-'))));
afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('the session file', () => {
  it('is absent until written, then read back as written: the folder 0700, the file 0600', () => {
    const dir = join(root, 'config', 'focus-api-access');
    expect(readSession(dir)).toBeUndefined();
    writeSession(dir, session);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    expect(statSync(sessionPath(dir)).mode & 0o777).toBe(0o600);
    expect(readSession(dir)).toEqual(session);
    writeSession(dir, { ...session, accessToken: 'renewed' });
    expect(readSession(dir)?.accessToken).toBe('renewed');
    expect(removeSession(dir)).toBe(true);
    expect(removeSession(dir)).toBe(false);
  });

  it('closes a folder others could enter', () => {
    const dir = join(root, 'loose');
    mkdirSync(dir, { mode: 0o755 });
    chmodSync(dir, 0o755);
    writeSession(dir, session);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });

  it('replaces a link planted at its name instead of writing through it', () => {
    const dir = join(root, 'linked');
    mkdirSync(dir, { mode: 0o700 });
    const elsewhere = join(root, 'elsewhere.json');
    writeFileSync(elsewhere, 'keep me');
    symlinkSync(elsewhere, sessionPath(dir));
    writeSession(dir, session);
    expect(readFileSync(elsewhere, 'utf8')).toBe('keep me');
    expect(lstatSync(sessionPath(dir)).isSymbolicLink()).toBe(false);
    expect(readSession(dir)).toEqual(session);
  });

  it.each([
    ['readable by others', 0o644, /can be read by others \(mode 644\).*chmod 600/],
    ['readable by the group', 0o640, /can be read by others \(mode 640\)/],
  ])('is refused when %s, saying how to fix it', (_what, mode, message) => {
    writeSession(root, session);
    chmodSync(sessionPath(root), mode);
    expect(() => readSession(root)).toThrow(message);
  });

  it.each([
    ['not JSON', 'not json'],
    ['incomplete', JSON.stringify({ provisionerUrl: 'x' })],
  ])('is refused when %s', (_what, content) => {
    writeFileSync(sessionPath(root), content, { mode: 0o600 });
    expect(() => readSession(root)).toThrow(SessionFileError);
  });
});

describe('a session in use', () => {
  it('sends its tokens in clear to this machine only, whatever the file says since login', async () => {
    const { openPersonSession } = await import('../../src/cli/person.js');
    const dir = join(root, 'used');
    const fresh = { ...session, accessTokenExpiresAt: Date.now() + 600_000, refreshTokenExpiresAt: Date.now() + 900_000 };
    writeSession(dir, { ...fresh, provisionerUrl: 'http://192.0.2.2:13777' });
    expect(() => openPersonSession({ dir, timeoutMs: 1000 })).toThrow('must use https');
    writeSession(dir, { ...fresh, provisionerUrl: 'http://127.0.0.1:3000', issuer: 'http://127.0.0.1:8080/realms/focus' });
    await expect(openPersonSession({ dir, timeoutMs: 1000 }).accessToken()).resolves.toBe('access');
  });
});
