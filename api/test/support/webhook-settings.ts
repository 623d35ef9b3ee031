import type { WebhookSettings } from '../../src/webhooks/settings.js';

/**
 * A short timeout, and the test's receivers on 127.0.0.1 reachable: the tests' API makes endpoints and
 * their workers deliver under it. A test of the refusals turns `allowPrivateAddresses` off.
 */
export const WEBHOOK_TEST_SETTINGS: WebhookSettings = { timeoutMs: 1_000, allowPrivateAddresses: true };
