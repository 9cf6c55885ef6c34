// The access rules of DESIGN.md §7 as a table: role × what × own agency or another.
import {
  canAdminister,
  canConsolidate,
  canEditSubmission,
  canReadSubmission,
  type Principal,
  type SubmissionStatus,
} from '../../../server/auth/access.ts';

const principal = (
  role: Principal['roles'][number]['role'],
  scopePath: string | null,
): Principal => ({
  userId: 'u',
  orgId: 'o',
  orgPath: scopePath ?? '/VN/',
  roles: [{ role, scopePath }],
});

const who = {
  'reporter of Sở Y tế': principal('REPORTER', '/NA/NA.SYT/'),
  'consolidator of Nghệ An': principal('CONSOLIDATOR', '/NA/'),
  'consolidator of Bến Tre': principal('CONSOLIDATOR', '/BT/'),
  analyst: principal('ANALYST', null),
  admin: principal('ADMIN', null),
  'admin of Bến Tre': principal('ADMIN', '/BT/'),
} as const;
type Who = keyof typeof who;

const own = '/NA/NA.SYT/'; // Sở Y tế Nghệ An
const other = '/NA/NA.SGDDT/'; // Sở GD&ĐT Nghệ An

describe('reading a submission', () => {
  const table: [Who, string, SubmissionStatus, boolean][] = [
    ['reporter of Sở Y tế', own, 'DRAFT', true],
    ['reporter of Sở Y tế', own, 'SUBMITTED', true],
    ['reporter of Sở Y tế', other, 'DRAFT', false],
    ['reporter of Sở Y tế', other, 'SUBMITTED', false],
    ['consolidator of Nghệ An', own, 'DRAFT', false],
    ['consolidator of Nghệ An', own, 'SUBMITTED', true],
    ['consolidator of Nghệ An', other, 'RETURNED', true],
    ['consolidator of Bến Tre', own, 'SUBMITTED', false],
    ['analyst', own, 'DRAFT', false],
    ['analyst', own, 'ACCEPTED', true],
    ['admin', own, 'DRAFT', false],
    ['admin', own, 'SUBMITTED', true],
    ['admin of Bến Tre', own, 'SUBMITTED', false],
  ];
  it.each(table)('%s, agency %s, %s → %s', (w, orgPath, status, expected) => {
    expect(canReadSubmission(who[w], { orgPath, status })).toBe(expected);
  });
  it('nobody signed in reads nothing', () => {
    expect(canReadSubmission(null, { orgPath: own, status: 'ACCEPTED' })).toBe(false);
  });
});

describe('editing, consolidating, administering', () => {
  const table: [Who, string, boolean, boolean, boolean][] = [
    // who, agency, edit its report, consolidate it, administer it
    ['reporter of Sở Y tế', own, true, false, false],
    ['reporter of Sở Y tế', other, false, false, false],
    ['consolidator of Nghệ An', own, false, true, false],
    ['consolidator of Bến Tre', own, false, false, false],
    ['analyst', own, false, false, false],
    ['admin', own, false, false, true],
    ['admin of Bến Tre', own, false, false, false],
    ['admin of Bến Tre', '/BT/BT.BINHDAI/', false, false, true],
  ];
  it.each(table)(
    '%s over %s: edit %s, consolidate %s, administer %s',
    (w, orgPath, edit, consolidate, admin) => {
      expect([
        canEditSubmission(who[w], orgPath),
        canConsolidate(who[w], orgPath),
        canAdminister(who[w], orgPath),
      ]).toEqual([edit, consolidate, admin]);
    },
  );
});
