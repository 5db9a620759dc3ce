import { keycloakUrlsOf, parseKeycloakUrls } from '../../src/keycloak/node-urls.js';

describe('parseKeycloakUrls', () => {
  test.each([
    ['one URL', 'http://localhost:8080', ['http://localhost:8080']],
    ['trailing slashes go', 'http://localhost:8080///', ['http://localhost:8080']],
    [
      'two nodes, spaces around commas',
      ' http://kc-1:8080 , https://kc-2.internal:8443/ ',
      ['http://kc-1:8080', 'https://kc-2.internal:8443'],
    ],
    ['a path prefix is kept', 'https://kc-1/auth/,https://kc-2/auth', ['https://kc-1/auth', 'https://kc-2/auth']],
    ['IPv6 hosts', 'http://[::1]:8080,http://127.0.0.1:8080', ['http://[::1]:8080', 'http://127.0.0.1:8080']],
    ['order is preference: kept as given', 'http://b:1,http://a:1,http://c:1', ['http://b:1', 'http://a:1', 'http://c:1']],
  ])('%s', (_name, raw, urls) => {
    expect(parseKeycloakUrls(raw)).toEqual({ urls, problems: [] });
  });

  test.each([
    ['nothing', undefined, ['KEYCLOAK_URL is required']],
    ['blank', '  ', ['KEYCLOAK_URL is required']],
    ['not a URL', 'localhost', ['KEYCLOAK_URL must be an http(s) URL, got "localhost"']],
    ['another scheme, second entry', 'http://kc-1:8080,ftp://kc-2', ['KEYCLOAK_URL entry 2 must be an http(s) URL, got "ftp://kc-2"']],
    ['an empty entry in the middle', 'http://kc-1:8080,,http://kc-2:8080', ['KEYCLOAK_URL entry 2 is empty']],
    ['a trailing comma', 'http://kc-1:8080,', ['KEYCLOAK_URL entry 2 is empty']],
    ['a query', 'http://kc-1:8080/?x=1', ['KEYCLOAK_URL must be a base URL without query or fragment']],
    [
      'the same node twice',
      'http://kc-1:8080,http://kc-2:8080,http://KC-1:8080/',
      ['KEYCLOAK_URL lists http://kc-1:8080 twice (entries 1 and 3)'],
    ],
    [
      'one message per bad entry',
      'nope,,http://x:1,http://x:1',
      ['KEYCLOAK_URL entry 1 must be', 'KEYCLOAK_URL entry 2 is empty', 'twice (entries 3 and 4)'],
    ],
  ])('%s is refused, naming the entry', (_name, raw, messages) => {
    const { urls, problems } = parseKeycloakUrls(raw);
    expect(urls).toEqual([]);
    expect(problems).toHaveLength(messages.length);
    messages.forEach((message, i) => expect(problems[i]).toContain(message));
  });

  test('a password in an entry is refused without repeating it', () => {
    const { problems } = parseKeycloakUrls('http://kc-1:8080,http://admin:pa55word@kc-2:8080');
    expect(problems).toEqual(['KEYCLOAK_URL entry 2 must not contain a user name or password']);
  });
});

describe('keycloakUrlsOf (programmatic callers)', () => {
  test('takes one URL or a list', () => {
    expect(keycloakUrlsOf('http://localhost:8080/')).toEqual(['http://localhost:8080']);
    expect(keycloakUrlsOf(['http://kc-1:8080', 'http://kc-2:8080'])).toEqual(['http://kc-1:8080', 'http://kc-2:8080']);
  });

  test('refuses an empty list and duplicates', () => {
    expect(() => keycloakUrlsOf([])).toThrow('keycloakUrl is required');
    expect(() => keycloakUrlsOf(['http://kc-1:8080', 'http://kc-1:8080'])).toThrow('twice');
  });
});
