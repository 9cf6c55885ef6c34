// Who may see what (DESIGN.md §7), as plain functions of the viewer: every role is held over a
// subtree of the org tree (its scope: an org path prefix, or null for the whole tree).
import { OVERSEEING_ROLES, type Role } from '../../shared/auth/roles.ts';
import type { SubmissionStatus } from '../../shared/reporting/status.ts';

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

/**
 * A submission's values: its own agency (a reporter of it) sees them in every state; a draft is
 * seen by nobody else. Once sent, the consolidating department (consolidator over the agency),
 * analysts and administrators over it may read it.
 */
export function canReadSubmission(
  p: Principal | null,
  submission: { orgPath: string; status: SubmissionStatus },
): boolean {
  if (!p) return false;
  if (holdsRoleOver(p, 'REPORTER', submission.orgPath)) return true;
  if (submission.status === 'DRAFT') return false;
  return oversees(p, submission.orgPath);
}

/** Whether one of the overseeing roles reaches the agency at `orgPath`. */
export const oversees = (p: Principal | null, orgPath: string): boolean =>
  OVERSEEING_ROLES.some((r) => holdsRoleOver(p, r, orgPath));

/** Saving or submitting an agency's report: a reporter of that agency. */
export const canEditSubmission = (p: Principal | null, orgPath: string): boolean =>
  holdsRoleOver(p, 'REPORTER', orgPath);

/** Opening requests, returning and accepting reports for agencies in the subtree. */
export const canConsolidate = (p: Principal | null, orgPath: string): boolean =>
  holdsRoleOver(p, 'CONSOLIDATOR', orgPath);

/** Managing orgs, users and tokens of others. */
export const canAdminister = (p: Principal | null, orgPath: string): boolean =>
  holdsRoleOver(p, 'ADMIN', orgPath);
