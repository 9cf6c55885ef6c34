// The roles a user holds over a subtree of the org tree (DESIGN.md §7), and those that oversee the
// agencies in it — read what they sent, follow and consolidate — said once for the server's
// access rules and the add-in's views.

export const ROLES = ['ADMIN', 'CONSOLIDATOR', 'REPORTER', 'ANALYST', 'APPROVER'] as const;
export type Role = (typeof ROLES)[number];

/** The consolidating department, analysts and administrators: they see sent reports. */
export const OVERSEEING_ROLES = [
  'CONSOLIDATOR',
  'ANALYST',
  'ADMIN',
] as const satisfies readonly Role[];

export const isOverseeingRole = (role: string): boolean =>
  (OVERSEEING_ROLES as readonly string[]).includes(role);

/**
 * The agency's own people: its staff (reporters) and its leader (approver). They see its reports in
 * every state; nobody outside sees one before it is sent.
 */
export const AGENCY_ROLES = ['REPORTER', 'APPROVER'] as const satisfies readonly Role[];

export const isAgencyRole = (role: string): boolean =>
  (AGENCY_ROLES as readonly string[]).includes(role);
