import { checkName, nameKey } from '../../src/core/names.js';

describe('checkName', () => {
  test.each([
    ['Eaglebe', { name: 'Eaglebe' }],
    ['  Eaglebe  ', { name: 'Eaglebe' }],
    ['x'.repeat(100), { name: 'x'.repeat(100) }],
    ['é'.repeat(100), { name: 'é'.repeat(100) }],
  ])('accepts %j', (raw, expected) => {
    expect(checkName(raw)).toEqual(expected);
  });

  test.each([
    ['', 'required'],
    ['   ', 'required'],
    ['x'.repeat(101), 'too_long'],
    ['Eagle\u0000be', 'control_characters'],
    ['Eagle\nbe', 'control_characters'],
    ['Eagle\u007fbe', 'control_characters'],
    ['Eagle\u2028be', 'control_characters'],
    ['Eagle\ud800be', 'control_characters'],
    [42, 'type'],
    [undefined, 'type'],
  ])('refuses %j (%s)', (raw, reason) => {
    const result = checkName(raw);
    expect(result).toEqual({ error: expect.objectContaining({ field: 'name', reason }) });
  });
});

describe('nameKey', () => {
  test.each([
    ['Eaglebe', 'EAGLEBE'],
    ['Eagle  be', 'eagle be'],
    ['Ｅａｇｌｅｂｅ', 'eaglebe'],
  ])('%j and %j are the same name', (a, b) => {
    expect(nameKey(a)).toBe(nameKey(b));
  });

  test('different names differ', () => {
    expect(nameKey('Eaglebe')).not.toBe(nameKey('Eaglebe 2'));
  });
});
