/**
 * New IP ranges that shut out an address an API client got a token from recently, against the run's shared Keycloak:
 * the provisioner's update is refused in Keycloak itself (`focus-address-exclusion`, in the update's own transaction),
 * naming the addresses, and nothing of it stays (no history entry either), unless the request confirms it with the
 * header; a realm administrator (the admin console's path) is not held up. The 30-day window and the lock against a
 * sighting written during the check are shown on PostgreSQL, where the test can reach the tables
 * (tests/integration/production/cluster.test.ts).
 */
import { contract } from '@focus-api-access/contract';
import { testStack } from '../../support/stack.js';
import { activityOf, eventually, readEndpoint, provisionerToken } from './activity-support.js';
import { Admin, apiClientRepresentation, createDigestClient, deleteClient, realm, tokenRequest, uniqueName } from './support.js';

const IP_RANGES = contract.apiClientAttributes.ipRanges;
const CONFIRM = contract.confirmExcludedAddressesHeader;
const asRealmAdmin = new Admin();
const asProvisioner = Admin.asProvisioner();
const acting = { [contract.history.actingSubjectHeader]: 'exclusion-test', [contract.history.actingUsernameHeader]: 'beheerder' };
const refusal = (addresses: string) =>
  `excludes_recent_addresses: the new IP ranges shut out addresses used in the last ${contract.activity.lockoutWarningDays} days: ${addresses}`;
let client: { id: string; clientId: string };

/** An update of the client's IP ranges through the admin API, as the provisioner sends it (or as `who`). */
const setRanges = (ranges: string, headers: Record<string, string> = {}, who = asProvisioner) =>
  who.call('PUT', `/${realm}/clients/${client.id}`, { attributes: { [IP_RANGES]: ranges } }, { ...acting, ...headers });
const storedRanges = async () =>
  (await asRealmAdmin.expect<{ attributes?: Record<string, string> }>(200, 'GET', `/${realm}/clients/${client.id}`)).body.attributes?.[
    IP_RANGES
  ];
const historyActions = async () => {
  const answer = await readEndpoint(`/history?client=${client.id}&max=100`, await provisionerToken());
  expect(answer.status).toBe(200);
  return (answer.body.items as Array<{ action: string }>).map((e) => e.action);
};

beforeAll(async () => {
  const made = await createDigestClient(asProvisioner, realm, apiClientRepresentation(uniqueName('exclusion'), {}, 'digest'), {
    'Idempotency-Key': 'exclusion-test-generation-1',
  });
  client = made;
  // A token from 127.0.0.2: the address the vendor uses, as the activity record keeps it.
  const stack = testStack();
  expect((await tokenRequest(stack.keycloakUrl, realm, { clientId: made.clientId, secret: made.secret, from: '127.0.0.2' })).status).toBe(
    200,
  );
  await eventually(
    () => activityOf(client.id),
    (activity) => activity.addresses.some((a) => a.address === '127.0.0.2'),
  );
});

afterAll(async () => {
  if (client) await deleteClient(asRealmAdmin, realm, client.id);
});

test("the provisioner's update that shuts out a recently used address is refused, naming it, and changes nothing", async () => {
  const historyBefore = await historyActions();
  const refused = await setRanges('127.0.0.1/32');
  expect(refused.status).toBe(400);
  expect(refused.body).toEqual({ error: 'invalid_client_metadata', error_description: refusal('127.0.0.2') });
  // Only "true" confirms.
  expect((await setRanges('127.0.0.1/32', { [CONFIRM]: 'false' })).body).toMatchObject({ error_description: refusal('127.0.0.2') });
  expect(await storedRanges()).toBeUndefined();
  expect(await historyActions()).toEqual(historyBefore);
  expect(historyBefore).not.toContain('ip-ranges');
});

test('ranges that cannot be read are refused as such, naming the entry, not as shutting out the address', async () => {
  const refused = await setRanges('10.0.0.300');
  expect([refused.status, refused.body.error]).toEqual([400, 'invalid_client_metadata']);
  expect(String(refused.body.error_description)).toMatch(/10\.0\.0\.300. is not a valid IP address or range/);
  expect(await storedRanges()).toBeUndefined();
});

test('ranges that keep letting the address in need no confirmation; a later change away from it does', async () => {
  expect((await setRanges('127.0.0.0/24')).status).toBe(204);
  expect(await storedRanges()).toBe('127.0.0.0/24');
  const refused = await setRanges('10.0.0.0/8, 127.0.0.1');
  expect(refused.body).toMatchObject({ error_description: refusal('127.0.0.2') });
  expect(await storedRanges()).toBe('127.0.0.0/24');
  // Removing the ranges lets every address in: nothing to confirm.
  expect((await setRanges('')).status).toBe(204);
  expect(await storedRanges()).toBeUndefined();
});

test('with the confirmation the same update is saved, and recorded in the history', async () => {
  const confirmed = await setRanges('192.0.2.0/24', { [CONFIRM]: 'true' });
  expect(confirmed.status).toBe(204);
  expect(await storedRanges()).toBe('192.0.2.0/24');
  expect((await historyActions()).filter((a) => a === 'ip-ranges')).toHaveLength(3);
  // Already shut out by the ranges in force: a further change is no news about 127.0.0.2.
  expect((await setRanges('192.0.2.0/25')).status).toBe(204);
});

test('a realm administrator (the admin console) changes the ranges without being held up', async () => {
  expect((await setRanges('127.0.0.0/24', {}, asRealmAdmin)).status).toBe(204);
  const byAdmin = await setRanges('198.51.100.0/24', {}, asRealmAdmin);
  expect(byAdmin.status).toBe(204);
  expect(await storedRanges()).toBe('198.51.100.0/24');
});
