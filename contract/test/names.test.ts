import { checkName, limits, nameLength } from '../src/index.js';

describe('checkName', () => {
  const max = limits.nameMaxCharacters;
  test.each([
    ['Eaglebe', 'Eaglebe'],
    ['  Eaglebe  ', 'Eaglebe'],
    ['x'.repeat(max), 'x'.repeat(max)],
    // One character each, though "😀" is two UTF-16 units: every part counts code points.
    ['é'.repeat(max), 'é'.repeat(max)],
    ['😀'.repeat(max), '😀'.repeat(max)],
  ])('accepts %j', (raw, name) => {
    expect(checkName(raw)).toEqual({ ok: true, name });
  });

  test.each([
    ['', 'required'],
    ['   ', 'required'],
    ['x'.repeat(max + 1), 'too_long'],
    ['😀'.repeat(max + 1), 'too_long'],
    ['Eagle\u0000be', 'control_characters'],
    ['Eagle\nbe', 'control_characters'],
    ['Eagle\u007fbe', 'control_characters'],
    ['Eagle\u0085be', 'control_characters'],
    ['Eagle\u2028be', 'control_characters'],
    ['Eagle\ud800be', 'control_characters'],
    ['Eagle\u200bbe', 'control_characters'],
    ['\u202eevil', 'control_characters'],
    ['Eagle\u00adbe', 'control_characters'],
    [42, 'type'],
    [undefined, 'type'],
  ])('refuses %j (%s)', (raw, problem) => {
    expect(checkName(raw)).toMatchObject({ ok: false, problem });
  });

  test('counts code points of the trimmed name', () => {
    expect(nameLength(' 😀é ')).toBe(2);
  });
});
