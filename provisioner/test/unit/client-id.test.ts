import { clientIdFor, slug } from '../../src/core/client-id.js';
import { nameKey } from '../../src/core/names.js';

describe('slug', () => {
  test.each([
    ['Eaglebe', 'eaglebe'],
    ['API Eaglebe', 'eaglebe'],
    ['API', 'client'],
    ['Apix', 'apix'],
    ['OpenHappening – Eaglebé (prod)', 'openhappening-eaglebe-pr'],
    ['Ærø', 'r'],
    ['日本語', 'client'],
    ['---', 'client'],
    ['a'.repeat(40), 'a'.repeat(24)],
  ])('%j → %j', (name, expected) => {
    expect(slug(name)).toBe(expected);
  });
});

describe('clientIdFor', () => {
  test('readable: prefix, slug and a 6-character code', () => {
    expect(clientIdFor('Eaglebe', nameKey('Eaglebe'))).toMatch(/^api-eaglebe-[a-z2-9]{6}$/);
  });

  test('stable for the same name in any letter case (so Keycloak refuses the duplicate)', () => {
    expect(clientIdFor('EAGLEBE', nameKey('EAGLEBE'))).toBe(clientIdFor('Eaglebe', nameKey('Eaglebe')));
  });

  test('different names with the same slug get different Client IDs', () => {
    expect(clientIdFor('Eaglebe!', nameKey('Eaglebe!'))).not.toBe(clientIdFor('Eaglebe', nameKey('Eaglebe')));
  });

  test('each probe number proposes another Client ID', () => {
    const key = nameKey('Eaglebe');
    const ids = new Set([0, 1, 2, 3].map((p) => clientIdFor('Eaglebe', key, p)));
    expect(ids.size).toBe(4);
  });

  test('never the raw name', () => {
    expect(clientIdFor('api', nameKey('api'))).not.toBe('api');
  });
});
