/** How deliveries behave; read from the environment (README, Configuration), overridden by tests. */
export interface WebhookSettings {
  /** How long one attempt may take, connection and answer included. */
  timeoutMs: number;
  /** Let deliveries reach loopback and private addresses (development and tests only; metadata addresses never). */
  allowPrivateAddresses: boolean;
}

export function webhookSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): WebhookSettings {
  const timeout = Number(env.WEBHOOK_TIMEOUT_MS ?? 15_000);
  return {
    timeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : 15_000,
    allowPrivateAddresses: env.WEBHOOK_ALLOW_PRIVATE_ADDRESSES === 'true',
  };
}
