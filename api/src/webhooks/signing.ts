import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A Standard Webhooks secret: `whsec_` and 24 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${randomBytes(24).toString('base64')}`;
}

/** The webhook-id of a delivery: the same on every attempt and replay, so receivers can drop repeats. */
export const webhookIdOf = (deliveryId: string) => `msg_${deliveryId}`;

/**
 * The three Standard Webhooks headers for one attempt. During a rotation's grace period the body is
 * signed with both secrets (space-separated signatures), so a receiver still on the old one verifies it.
 */
export function signedHeaders(webhookId: string, body: string, secrets: readonly string[], at: Date): Record<string, string> {
  const signatures = secrets.map((secret) => new Webhook(secret).sign(webhookId, at, body));
  return {
    'webhook-id': webhookId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': signatures.join(' '),
  };
}

/** The secrets a delivery is signed with now: the current one, and the previous one until its grace period ends. */
export function signingSecrets(
  endpoint: { secret: string; previousSecret: string | null; previousSecretUntil: Date | null },
  now: Date,
): string[] {
  const previous = endpoint.previousSecret && endpoint.previousSecretUntil && endpoint.previousSecretUntil > now;
  return previous ? [endpoint.secret, endpoint.previousSecret!] : [endpoint.secret];
}
