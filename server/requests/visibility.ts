// Which report requests a user sees: those their agency must answer (reporter), those their
// department consolidates (consolidator, over its subtree), all within scope for analysts and
// administrators.
import type { Prisma } from '../../generated/prisma/client.ts';
import type { Principal } from '../auth/access.ts';
import { isAgencyRole } from '../../shared/auth/roles.ts';
import { INSIDE_AGENCY_STATUSES } from '../../shared/reporting/status.ts';

// A role with no scope covers every org. Not `{}`: Prisma drops a relation filter `{}` inside OR,
// so a province-wide consolidator saw no requests at all.
const under = (scopePath: string | null) => ({ path: { startsWith: scopePath ?? '' } });

export function visibleRequestsWhere(p: Principal): Prisma.ReportRequestWhereInput {
  const or: Prisma.ReportRequestWhereInput[] = [];
  for (const grant of p.roles) {
    if (isAgencyRole(grant.role))
      or.push({ recipients: { some: { org: under(grant.scopePath) } } });
    else if (grant.role === 'CONSOLIDATOR') or.push({ consolidatorOrg: under(grant.scopePath) });
    else
      or.push({
        OR: [
          { consolidatorOrg: under(grant.scopePath) },
          { recipients: { some: { org: under(grant.scopePath) } } },
        ],
      });
  }
  return or.length ? { OR: or } : { id: { in: [] } };
}

/**
 * Which submissions a user sees (the same rule as canReadSubmission in server/auth/access.ts):
 * its own agency's in every state; others' only once sent, within the user's scope.
 */
export function visibleSubmissionsWhere(p: Principal): Prisma.SubmissionWhereInput {
  const or: Prisma.SubmissionWhereInput[] = [];
  for (const grant of p.roles) {
    if (isAgencyRole(grant.role)) or.push({ org: under(grant.scopePath) });
    else
      or.push({
        org: under(grant.scopePath),
        status: { notIn: [...INSIDE_AGENCY_STATUSES] },
      });
  }
  return or.length ? { OR: or } : { id: { in: [] } };
}

/**
 * visibleRequestsWhere decided from two facts in hand: the path of the request's consolidating
 * department and of one of its recipients. True means the request is visible; false only means
 * these two facts do not show it (another recipient might), so ask the database.
 */
export function seesRequestOf(
  p: Principal,
  request: { consolidatorPath: string; recipientPath: string },
): boolean {
  const within = (scopePath: string | null, path: string) =>
    scopePath === null || path.startsWith(scopePath);
  return p.roles.some((grant) => {
    const viaRecipient = within(grant.scopePath, request.recipientPath);
    const viaConsolidator = within(grant.scopePath, request.consolidatorPath);
    if (isAgencyRole(grant.role)) return viaRecipient;
    if (grant.role === 'CONSOLIDATOR') return viaConsolidator;
    return viaRecipient || viaConsolidator;
  });
}
