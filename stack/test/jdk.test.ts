import { parseMajor } from '../src/jdk.js';

describe('parseMajor', () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15', 17],
    ['openjdk version "25.0.3" 2026-04-21 LTS', 25],
    ['java version "1.8.0_401"', 8],
    ['openjdk version "21" 2023-09-19', 21],
    ['no java here', undefined],
  ])('%s → %s', (text, major) => {
    expect(parseMajor(text)).toBe(major);
  });
});
