// Audit events: every change to what agencies report records who, when, what, and the version
// before and after (DESIGN.md §7). Written inside the same transaction as the change itself.
import type { Prisma } from '../../generated/prisma/client.ts';
import type { Viewer } from '../auth/viewer.ts';

export interface AuditEntry {
  action: string;
  entityType: string;
  entityId: string;
  beforeVersion?: number | null;
  afterVersion?: number | null;
  details?: Prisma.InputJsonValue;
}

export async function recordAudit(
  tx: Prisma.TransactionClient,
  actor: { viewer: Pick<Viewer, 'userId' | 'orgId'> | null; address: string | null },
  entry: AuditEntry,
): Promise<void> {
  await tx.auditEvent.create({
    data: {
      actorId: actor.viewer?.userId ?? null,
      actorOrgId: actor.viewer?.orgId ?? null,
      address: actor.address,
      action: entry.action,
      entityType: entry.entityType,
      entityId: entry.entityId,
      beforeVersion: entry.beforeVersion ?? null,
      afterVersion: entry.afterVersion ?? null,
      details: entry.details,
    },
  });
}
