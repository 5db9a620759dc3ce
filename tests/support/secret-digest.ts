/**
 * Tests check what Keycloak keeps of a secret by recomputing its digest here, independently of the extension's Java:
 * HMAC-SHA256 of the secret under the stored salt (`hmac-sha256:<salt>:<mac>`, unpadded base64url).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

/** Whether `stored` is the digest of `secret`. Never prints either. */
export function isDigestOf(stored: string | undefined, secret: string): boolean {
  const match = /^hmac-sha256:([\w-]{22}):([\w-]{43})$/.exec(stored ?? '');
  if (!match) return false;
  const mac = createHmac('sha256', Buffer.from(match[1]!, 'base64url')).update(secret, 'utf8').digest();
  return timingSafeEqual(mac, Buffer.from(match[2]!, 'base64url'));
}
