/**
 * A new key for each click that asks for credentials: the provisioner never generates twice for one key, and tells
 * when a generation it made could not be delivered.
 */
export function newRequestKey(): string {
  return crypto.randomUUID();
}
