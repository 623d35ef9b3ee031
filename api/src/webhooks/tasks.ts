import type { Task } from 'graphile-worker';
import type { PrismaClient } from '../generated/prisma/client.js';
import { attemptDelivery } from './deliver.js';
import { DELIVER_TASK, FAN_OUT_TASK, fanOutLoggedEvents, fanOutRecordChange, RECORD_CHANGE_TASK, type AttemptJob, type RecordChange } from './fan-out.js';
import { guardedAgents } from './post.js';
import { webhookSettingsFromEnv, type WebhookSettings } from './settings.js';

export interface WebhookServices {
  prisma: PrismaClient;
  settings?: WebhookSettings;
}

/** The webhook tasks of the job queue. */
export function webhookTasks({ prisma, settings = webhookSettingsFromEnv() }: WebhookServices): Record<string, Task> {
  const agents = guardedAgents(settings.allowPrivateAddresses);
  return {
    [FAN_OUT_TASK]: (payload) => fanOutLoggedEvents(prisma, (payload as { organizationId: string }).organizationId),
    [RECORD_CHANGE_TASK]: (payload) => fanOutRecordChange(prisma, payload as RecordChange),
    [DELIVER_TASK]: (payload) => attemptDelivery({ prisma, agents, timeoutMs: settings.timeoutMs }, payload as AttemptJob),
  };
}
