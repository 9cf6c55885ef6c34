// The open-request form's reducer and what follows from its state: the Nghị định 09 window, the
// proposals until the person types their own, and what still stops the request.
import { describe, expect, test } from '@jest/globals';
import {
  derive,
  initialState,
  openProblems,
  openRequestReducer,
  type OpenRequestAction,
} from '../../../addin/src/taskpane/open-request.ts';
import { strings } from '../../../addin/src/taskpane/i18n.ts';

const apply = (...actions: OpenRequestAction[]) =>
  actions.reduce(openRequestReducer, initialState(2024));

describe('the open-request form', () => {
  test('a quarter proposes its title and a deadline 5 days after the data cutoff, Vietnam time', () => {
    const state = apply({ type: 'set', field: 'templateId', value: 't1' });
    const d = derive(state, 'Báo cáo sơ kết', 'na');
    expect(typeof d.period === 'string' ? d.period : d.period.label).toBe('Quý I/2024');
    expect(d.title).toBe('Báo cáo sơ kết Quý I/2024');
    expect(d.deadline).toBe('2024-03-19T17:00');
  });

  test('what the person types replaces the proposal; month 12 becomes quarter 4', () => {
    const state = apply(
      { type: 'kind', kind: 'MONTH' },
      { type: 'set', field: 'number', value: '12' },
      { type: 'kind', kind: 'QUARTER' },
      { type: 'title', value: 'Của tôi' },
    );
    expect(state.number).toBe('4');
    expect(derive(state, 'Mẫu', null).title).toBe('Của tôi');
  });

  test('groups within the province; the same agency named once; removing it', () => {
    const org = { id: 'o1', name: 'Sở Y tế' };
    const state = apply(
      { type: 'group', key: 'communes', on: true },
      { type: 'set', field: 'search', value: 'y te' },
      { type: 'name', org },
      { type: 'name', org },
    );
    expect(state.named).toEqual([org]);
    expect(state.search).toBe('');
    expect(derive(state, 'Mẫu', 'na').groups).toEqual([
      { kind: 'PEOPLES_COMMITTEE', level: 'COMMUNE', withinOrgId: 'na' },
    ]);
    expect(openRequestReducer(state, { type: 'unname', id: 'o1' }).named).toEqual([]);
  });

  test('what stops it: no template, a bad ad-hoc period, nobody to receive it, outside the scope', () => {
    const t = strings.vi;
    const state = apply({ type: 'kind', kind: 'AD_HOC' });
    const problems = openProblems(state, derive(state, null, null), null, t);
    expect(problems).toContain(t.needTemplate);
    expect(problems).toContain(t.needRecipients);
    expect(problems.length).toBeGreaterThanOrEqual(4);
    const ready = apply({ type: 'set', field: 'templateId', value: 't1' });
    const outside = { count: 3, outsideScope: [{ id: 'x', name: 'Sở Y tế tỉnh Hà Tĩnh' }] };
    expect(openProblems(ready, derive(ready, 'Mẫu', null), outside, t)).toEqual([
      t.outsideScope(['Sở Y tế tỉnh Hà Tĩnh']),
    ]);
    expect(
      openProblems(ready, derive(ready, 'Mẫu', null), { count: 3, outsideScope: [] }, t),
    ).toEqual([]);
    // A unit named one by one that does not exist at the deadline: the server would refuse it.
    const closed = {
      count: 3,
      outsideScope: [],
      notExisting: [{ id: 'y', name: 'Ủy ban nhân dân huyện Nghi Lộc' }],
    };
    expect(openProblems(ready, derive(ready, 'Mẫu', null), closed, t)).toEqual([
      t.notExisting(['Ủy ban nhân dân huyện Nghi Lộc']),
    ]);
  });
});
