/**
 * The page and the server apply one set of rules: every shared IP-range case (contract/ip-range-cases.json, which the
 * extension runs too) and a table of names go through the page's own form check and through the real HTTP API, and
 * both must give the same verdict for the same reason. An input the page accepts is never refused by the server for
 * a reason the page could have known, and the reverse.
 */
import { contract, limits } from '@focus-api-access/contract';
import cases from '../../../contract/ip-range-cases.json' with { type: 'json' };
import { draftProblems, hasProblems, ipRangesInput } from '../../../admin-plugin/src/client-form/validation.js';
import { SERVICE, api, loginClients, passwordToken, startApp, uniqueName, type TestApp } from './support.js';

let app: TestApp;
let logins: Awaited<ReturnType<typeof loginClients>>;
let manager: string;
let call: ReturnType<typeof api>;

beforeAll(async () => {
  app = await startApp();
  call = api(app.url);
  logins = await loginClients();
  manager = await passwordToken(logins.withAudience, contract.demoUsers.manager);
});

afterAll(async () => {
  await app.close();
  await logins.remove();
});

interface Verdict {
  readonly accepted: boolean;
  /** The reason of the refusal, per field. */
  readonly reasons: Record<string, string>;
}

function pageVerdict(name: string, ranges: { text: string; confirmWide: boolean }[]): Verdict {
  const problems = draftProblems({ name, services: [SERVICE], ipRanges: ranges });
  const reasons: Record<string, string> = {};
  if (problems.name) reasons.name = problems.name;
  problems.ipRange.forEach((p, i) => p && (reasons[`ipRanges[${i}]`] = p.problem));
  return { accepted: !hasProblems(problems), reasons };
}

/** What the real API answers to the create the page would send; a created client is deleted again. */
async function serverVerdict(name: string, ranges: { text: string; confirmWide: boolean }[]): Promise<Verdict> {
  const response = await call('POST', '/api/v1/clients', {
    token: manager,
    body: { name: name.trim(), services: [SERVICE], ipRanges: ipRangesInput(ranges) },
  });
  if (response.status === 201) {
    expect((await call('DELETE', `/api/v1/clients/${response.json.id}`, { token: manager })).status).toBe(204);
    return { accepted: true, reasons: {} };
  }
  expect(response.status).toBe(400);
  const reasons: Record<string, string> = {};
  for (const e of response.json.errors as { field: string; reason: string }[]) reasons[e.field] ??= e.reason;
  return { accepted: false, reasons };
}

describe('IP ranges: the shared cases', () => {
  test.each((cases.cases as { input: string; valid: boolean }[]).map((c) => [c.input, c.valid] as const))(
    '%j (valid: %s), as typed and with a confirmation',
    async (input, valid) => {
      for (const confirmWide of [false, true]) {
        const ranges = [{ text: input, confirmWide }];
        const page = pageVerdict(uniqueName('Rules'), ranges);
        const server = await serverVerdict(uniqueName('Rules'), ranges);
        expect({ input, confirmWide, ...server }).toEqual({ input, confirmWide, ...page });
        if (!valid) expect(server.accepted).toBe(false);
      }
    },
  );

  test('lists: a repeat after normalising, and one range too many', async () => {
    const repeat = [
      { text: '2001:db8::/48', confirmWide: false },
      { text: '2001:DB8:0::/48', confirmWide: false },
    ];
    expect(await serverVerdict(uniqueName('Rules'), repeat)).toEqual(pageVerdict('x', repeat));
    const many = Array.from({ length: limits.ipRangesPerClient + 1 }, (_, i) => ({ text: `10.${i}.0.0/16`, confirmWide: false }));
    const page = draftProblems({ name: 'x', services: [SERVICE], ipRanges: many });
    const server = await serverVerdict(uniqueName('Rules'), many);
    expect(page.ipRanges).toBe('tooManyRanges');
    expect(server).toEqual({ accepted: false, reasons: { ipRanges: 'too_many' } });
  });
});

describe('names', () => {
  const max = limits.nameMaxCharacters;
  /** A unique name of exactly the limit, filled up with one character. */
  const padded = (fill: string) => {
    const unique = uniqueName('Rules');
    return unique + fill.repeat(max - [...unique].length);
  };
  test.each([
    ['a plain name', () => uniqueName('Rules')],
    ['surrounding spaces', () => `  ${uniqueName('Rules')}  `],
    ['exactly the limit, in letters with accents', () => padded('é')],
    ['exactly the limit, in characters outside the BMP', () => padded('😀')],
    ['one past the limit', () => 'x'.repeat(max + 1)],
    ['one past the limit, outside the BMP', () => '😀'.repeat(max + 1)],
    ['only spaces', () => '   '],
    ['a tab', () => `${uniqueName('Rules')}\tx`],
    ['a line separator', () => `${uniqueName('Rules')}\u2028x`],
    ['a C1 control character', () => `${uniqueName('Rules')}\u0085x`],
  ])('%s', async (_case, name) => {
    const typed = name();
    const page = pageVerdict(typed, []);
    // The page sends what it accepts trimmed; what it refuses, it never sends: the server must refuse it as sent.
    expect(await serverVerdict(typed, [])).toEqual(page);
  });
});
