// Who may see what (DESIGN.md §7), as plain functions of the viewer: every role is held over a
// subtree of the org tree (its scope: an org path prefix, or null for the whole tree).
import { AGENCY_ROLES, OVERSEEING_ROLES, type Role } from '../../shared/auth/roles.ts';
import { isInsideAgency, type SubmissionStatus } from '../../shared/reporting/status.ts';

export type { Role, SubmissionStatus };

export interface RoleGrant {
  role: Role;
  /** Path of the scope's root org ("/NA/"), or null for every org. */
  scopePath: string | null;
}

export interface Principal {
  userId: string;
  orgId: string;
  orgPath: string;
  roles: RoleGrant[];
}

export const hasRole = (p: Principal | null, role: Role): boolean =>
  Boolean(p?.roles.some((g) => g.role === role));

/** True when the principal holds `role` over the org at `orgPath`. */
export function holdsRoleOver(p: Principal | null, role: Role, orgPath: string): boolean {
  return Boolean(
    p?.roles.some(
      (g) => g.role === role && (g.scopePath === null || orgPath.startsWith(g.scopePath)),
    ),
  );
}

/** The path prefixes a role reaches (null in the list: everything). */
export function scopesOf(p: Principal | null, role: Role): (string | null)[] {
  return p ? p.roles.filter((g) => g.role === role).map((g) => g.scopePath) : [];
}

/** The agency's own staff or leader (a role of AGENCY_ROLES over it). */
export const insideAgency = (p: Principal | null, orgPath: string): boolean =>
  AGENCY_ROLES.some((r) => holdsRoleOver(p, r, orgPath));

/**
 * A submission's values: its own agency (staff and leader) sees them in every state; a report
 * still inside the agency (draft, waiting for or approved by the leader) is seen by nobody else.
 * Once sent, the consolidating department (consolidator over the agency), analysts and
 * administrators over it may read it.
 */
export function canReadSubmission(
  p: Principal | null,
  submission: { orgPath: string; status: SubmissionStatus },
): boolean {
  if (!p) return false;
  if (insideAgency(p, submission.orgPath)) return true;
  if (isInsideAgency(submission.status)) return false;
  return oversees(p, submission.orgPath);
}

/** Whether one of the overseeing roles reaches the agency at `orgPath`. */
export const oversees = (p: Principal | null, orgPath: string): boolean =>
  OVERSEEING_ROLES.some((r) => holdsRoleOver(p, r, orgPath));

/** Saving or submitting an agency's report: a reporter of that agency. */
export const canEditSubmission = (p: Principal | null, orgPath: string): boolean =>
  holdsRoleOver(p, 'REPORTER', orgPath);

/** Approving, returning to staff and signing the agency's report: its leader. */
export const canApprove = (p: Principal | null, orgPath: string): boolean =>
  holdsRoleOver(p, 'APPROVER', orgPath);

/** Withdrawing an approval: the leader, or an administrator over the agency. */
export const canUnapprove = (p: Principal | null, orgPath: string): boolean =>
  canApprove(p, orgPath) || holdsRoleOver(p, 'ADMIN', orgPath);

/** Sending an approved report to the Sở: the leader, or staff once the leader approved it. */
export const canSendApproved = (p: Principal | null, orgPath: string): boolean =>
  canApprove(p, orgPath) || canEditSubmission(p, orgPath);

/** Opening requests, returning and accepting reports for agencies in the subtree. */
export const canConsolidate = (p: Principal | null, orgPath: string): boolean =>
  holdsRoleOver(p, 'CONSOLIDATOR', orgPath);

/** Managing orgs, users and tokens of others. */
export const canAdminister = (p: Principal | null, orgPath: string): boolean =>
  holdsRoleOver(p, 'ADMIN', orgPath);
