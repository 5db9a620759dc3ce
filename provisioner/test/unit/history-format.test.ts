import type { HistoryEntry } from '../../src/core/history.js';
import { historyChange, historyCsv } from '../../src/cli/format.js';

const entry = (over: Partial<HistoryEntry>): HistoryEntry => ({
  id: 'e1',
  time: '2026-11-30T09:00:00.000Z',
  action: 'rename',
  client: { id: 'uuid-1', clientId: 'focus-eaglebe', name: 'Eaglebe' },
  actor: { subject: 'sub-1', username: 'beheerder', via: 'service-account-api-access-provisioner' },
  before: { name: 'Eaglebe' },
  after: { name: 'Eaglebe 2' },
  outcome: 'success',
  requestId: 'req-1',
  ...over,
});

describe('historyChange', () => {
  test.each<[Partial<HistoryEntry>, string]>([
    [{}, 'name: "Eaglebe" → "Eaglebe 2"'],
    [{ action: 'services', before: { services: ['a'] }, after: { services: ['a', 'b'] } }, 'services: [a] → [a, b]'],
    [{ action: 'enable', before: { enabled: false }, after: { enabled: true } }, 'enabled: false → true'],
    [{ action: 'create', before: undefined, after: { name: 'X', enabled: true } }, 'name: "X"; enabled: true'],
    [{ action: 'delete', before: { name: 'X' }, after: undefined }, 'name: "X"'],
    [
      { action: 'credentials-generated', before: undefined, after: undefined },
      'secretExpiresAt: never; previousSecretValidUntil: no longer valid',
    ],
    [
      {
        action: 'credentials-generated',
        before: undefined,
        after: { secretExpiresAt: Date.parse('2027-12-02T10:00:00Z'), previousSecretValidUntil: Date.parse('2026-12-03T10:00:00Z') },
      },
      'secretExpiresAt: 2027-12-02T10:00:00.000Z; previousSecretValidUntil: 2026-12-03T10:00:00.000Z',
    ],
    [
      { action: 'grace-ended', before: { previousSecretValidUntil: Date.parse('2026-12-02T10:00:00Z') }, after: {} },
      'previousSecretValidUntil: 2026-12-02T10:00:00.000Z → no longer valid',
    ],
    [
      { action: 'expiry-changed', before: { secretExpiresAt: Date.parse('2027-02-01T10:00:00Z') }, after: {} },
      'secretExpiresAt: 2027-02-01T10:00:00.000Z → never',
    ],
    [
      { outcome: 'failure', error: 'conflict', before: { name: 'Eaglebe', enabled: true }, after: { name: 'Taken' } },
      'FAILED (conflict), nothing changed; name: "Eaglebe" → "Taken"',
    ],
    [
      { action: 'delete', outcome: 'failure', error: 'unavailable', before: { name: 'X' }, after: undefined },
      'FAILED (unavailable), nothing changed',
    ],
  ])('%j reads %j', (over, text) => {
    expect(historyChange(entry(over))).toBe(text);
  });
});

describe('historyCsv', () => {
  test('has a header, quotes every cell, doubles quotes, ends lines with CRLF', () => {
    const csv = historyCsv([entry({ client: { id: 'u', clientId: 'c', name: 'Say "hi", world' } })]);
    const [header, row, end] = csv.split('\r\n');
    expect(header).toBe(
      '"time","action","client_id","client_name","client_uuid","username","subject","via","before","after","outcome","error","request_id"',
    );
    expect(row).toContain('"Say ""hi"", world"');
    expect(row).toContain('"{""name"":""Eaglebe""}"');
    expect(end).toBe('');
  });

  test.each(['=HYPERLINK("x")', '+1', '-1', '@SUM(A1)', '\tx'])('%j cannot run as a spreadsheet formula', (name) => {
    const csv = historyCsv([entry({ client: { id: 'u', clientId: 'c', name } })]);
    expect(csv).toContain(`"'${name.replaceAll('"', '""')}"`);
  });
});
