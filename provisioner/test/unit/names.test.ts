import { checkName, nameKey } from '../../src/core/names.js';

// The rule itself is tested in contract/test; here: how the use cases report it.
describe('checkName', () => {
  test('returns the trimmed name', () => {
    expect(checkName('  Eaglebe ')).toEqual({ name: 'Eaglebe' });
  });

  test('reports a refusal as an error of the field', () => {
    expect(checkName('', 'name')).toEqual({ error: { field: 'name', reason: 'required', message: 'must not be empty' } });
    expect(checkName(42, 'name')).toEqual({ error: expect.objectContaining({ field: 'name', reason: 'type' }) });
  });
});

describe('nameKey', () => {
  test.each([
    ['Eaglebe', 'EAGLEBE'],
    ['Eagle  be', 'eagle be'],
    ['Ｅａｇｌｅｂｅ', 'eaglebe'],
    ['Hernoemde Partner Zoë', 'hernoemde partner zoe'],
    ['Bulk Lévérancier 6', 'bulk leverancier 6'],
    ['Zoe\u0308', 'Zoë'],
  ])('%j and %j are the same name', (a, b) => {
    expect(nameKey(a)).toBe(nameKey(b));
  });

  test('different names differ', () => {
    expect(nameKey('Eaglebe')).not.toBe(nameKey('Eaglebe 2'));
  });
});
