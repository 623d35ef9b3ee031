import type { WorkOrder } from '../../generated/prisma/client.js';
import type { Transaction } from '../../db/types.js';
import { invoiceTotal } from '../../domain/money.js';
import { invoiceLinesFor } from '../../domain/work-order.js';

/** The invoice a completed work order gets (domain/status.ts STATUS_EFFECTS), numbered in the organization's sequence. */
export async function issueInvoice(tx: Transaction, workOrder: WorkOrder): Promise<void> {
  const { organizationId } = workOrder;
  const serviceType = await tx.serviceType.findFirstOrThrow({ where: { id: workOrder.serviceTypeId, organizationId }, select: { name: true } });
  const organization = await tx.organization.update({
    where: { id: organizationId },
    data: { nextInvoiceNumber: { increment: 1 } },
    select: { nextInvoiceNumber: true, currency: true },
  });
  const lines = invoiceLinesFor({ serviceName: serviceType.name, priceMinor: workOrder.priceMinor });
  await tx.invoice.create({
    data: {
      organizationId,
      workOrderId: workOrder.id,
      number: organization.nextInvoiceNumber - 1,
      currency: organization.currency,
      totalMinor: invoiceTotal(lines),
      lines: { create: lines.map((line, position) => ({ ...line, position })) },
    },
  });
}
