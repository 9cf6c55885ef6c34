import {
  agencyLeadsTask,
  inGroup,
  sectionConcernsAgency,
  targetConcernsAgency,
  taskRows,
  type AgencyFacts,
  type TaskFacts,
} from '../../../server/sheets/rows.ts';

const health: AgencyFacts = {
  id: 'syt',
  kind: 'DEPARTMENT',
  level: 'PROVINCE',
  lineageIds: new Set(['na', 'syt']),
};
const district: AgencyFacts = {
  id: 'vinh',
  kind: 'PEOPLES_COMMITTEE',
  level: 'DISTRICT',
  lineageIds: new Set(['na', 'vinh']),
};
const elsewhere: AgencyFacts = {
  id: 'bt-syt',
  kind: 'DEPARTMENT',
  level: 'PROVINCE',
  lineageIds: new Set(['bt', 'bt-syt']),
};

const task = (code: string, over: Partial<TaskFacts>): TaskFacts => ({
  id: code,
  code,
  groupCode: code.split('.')[0]!,
  groupTitle: `Nhóm ${code.split('.')[0]}`,
  title: `Nhiệm vụ ${code}`,
  leadName: null,
  leadOrgId: null,
  deadlineText: null,
  dueDate: null,
  assignments: [],
  ...over,
});
const allDepartments = {
  role: 'LEAD',
  orgId: null,
  groupKind: 'DEPARTMENT',
  groupLevel: 'PROVINCE',
  groupWithinId: 'na',
};

describe('which tasks an agency reports on', () => {
  const ownTask = task('IV.2', { leadOrgId: 'syt', leadName: 'Sở Y tế' });
  const groupTask = task('II.4', { assignments: [allDepartments] });
  const otherTask = task('I.1', { leadOrgId: 'stttt' });
  const coordinating = task('I.2', {
    assignments: [
      {
        role: 'COORDINATING',
        orgId: 'syt',
        groupKind: null,
        groupLevel: null,
        groupWithinId: null,
      },
    ],
  });
  test('its own, and those given to a group it belongs to within the province', () => {
    expect(
      [ownTask, groupTask, otherTask, coordinating]
        .filter((t) => agencyLeadsTask(health, t))
        .map((t) => t.code),
    ).toEqual(['IV.2', 'II.4']);
    expect(agencyLeadsTask(district, groupTask)).toBe(false);
    expect(agencyLeadsTask(elsewhere, groupTask)).toBe(false);
  });
  test('group membership by kind, level and subtree', () => {
    expect(
      inGroup(district, { kind: 'PEOPLES_COMMITTEE', level: 'DISTRICT', withinId: 'na' }),
    ).toBe(true);
    expect(inGroup(district, { kind: null, level: 'COMMUNE', withinId: null })).toBe(false);
  });
  test('rows grouped under the appendix headings, read-only values from the plan', () => {
    const rows = taskRows(
      [groupTask, ownTask],
      [
        { key: 'tt', binding: 'task.code' },
        { key: 'ket_qua', binding: null },
      ],
      new Map([['IV.2', new Map([['ket_qua', 'Xong']])]]),
    );
    expect(rows.map((r) => [r.key, r.group, r.isGroup, r.cells.map((c) => c.value)])).toEqual([
      ['group:II', null, true, []],
      ['II.4', 'group:II', false, ['II.4', null]],
      ['group:IV', null, true, []],
      ['IV.2', 'group:IV', false, ['IV.2', 'Xong']],
    ]);
  });
});

describe('targets and sections', () => {
  const target = {
    id: 't',
    code: 'II.1.1.5.DISTRICT',
    statement: '',
    metric: '',
    unit: 'PERCENT',
    value: 80,
    valueMax: null,
    targetYear: 2021,
    level: 'DISTRICT',
    orgIds: [],
  };
  test('a target at the agency level or in its charge; text targets have nothing to report', () => {
    expect(targetConcernsAgency(district, target)).toBe(true);
    expect(targetConcernsAgency(health, target)).toBe(false);
    expect(targetConcernsAgency(health, { ...target, orgIds: ['syt'] })).toBe(true);
    expect(targetConcernsAgency(district, { ...target, unit: 'TEXT' })).toBe(false);
  });
  test('a section for everyone, or only for those it names', () => {
    expect(sectionConcernsAgency(health, [])).toBe(true);
    expect(
      sectionConcernsAgency(health, [{ orgId: 'syt', groupKind: null, groupLevel: null }]),
    ).toBe(true);
    expect(
      sectionConcernsAgency(district, [{ orgId: 'syt', groupKind: null, groupLevel: null }]),
    ).toBe(false);
    expect(
      sectionConcernsAgency(district, [
        { orgId: null, groupKind: 'PEOPLES_COMMITTEE', groupLevel: 'DISTRICT' },
      ]),
    ).toBe(true);
  });
});
