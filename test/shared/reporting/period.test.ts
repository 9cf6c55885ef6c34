import { reportingPeriod, periodsBetween, PeriodError } from '../../../shared/reporting/period.ts';
import { contractPeriodExamples } from '../../support/period-examples.ts';

describe('reportingPeriod (Nghị định 09/2019/NĐ-CP Điều 12)', () => {
  it.each(contractPeriodExamples)(
    '%j is "%s", cutoff %s .. %s (the contract examples)',
    (input, label, cutoffStart, cutoffEnd) => {
      const p = reportingPeriod(input);
      expect(p).toMatchObject({ label, cutoffStart, cutoffEnd });
    },
  );

  it('January takes its cutoff from 15 December of the year before', () => {
    expect(reportingPeriod({ kind: 'MONTH', year: 2024, number: 1 })).toMatchObject({
      start: '2024-01-01',
      end: '2024-01-31',
      cutoffStart: '2023-12-15',
      cutoffEnd: '2024-01-14',
    });
  });

  it('the second half runs 15/6 to 14/12 and ends the calendar year', () => {
    expect(reportingPeriod({ kind: 'HALF_YEAR', year: 2024, number: 2 })).toMatchObject({
      label: '6 tháng cuối năm 2024',
      end: '2024-12-31',
      cutoffStart: '2024-06-15',
      cutoffEnd: '2024-12-14',
    });
  });

  it('quarter IV covers October to December', () => {
    expect(reportingPeriod({ kind: 'QUARTER', year: 2023, number: 4 })).toMatchObject({
      label: 'Quý IV/2023',
      start: '2023-10-01',
      end: '2023-12-31',
      cutoffStart: '2023-09-15',
      cutoffEnd: '2023-12-14',
    });
  });

  it('February of a leap year ends on the 29th', () => {
    expect(reportingPeriod({ kind: 'MONTH', year: 2024, number: 2 }).end).toBe('2024-02-29');
  });

  it('ad-hoc periods keep their explicit dates as the cutoff window', () => {
    const p = reportingPeriod({
      kind: 'AD_HOC',
      year: 2023,
      start: '2022-08-01',
      end: '2023-08-14',
    });
    expect(p).toMatchObject({
      cutoffStart: '2022-08-01',
      cutoffEnd: '2023-08-14',
      label: 'Từ 01/08/2022 đến 14/08/2023',
    });
  });

  it.each([
    [{ kind: 'MONTH', year: 2023, number: 13 }],
    [{ kind: 'MONTH', year: 2023 }],
    [{ kind: 'QUARTER', year: 2023, number: 0 }],
    [{ kind: 'HALF_YEAR', year: 2023, number: 3 }],
    [{ kind: 'YEAR', year: 20234 }],
    [{ kind: 'AD_HOC', year: 2023, start: '2023-02-30', end: '2023-03-01' }],
    [{ kind: 'AD_HOC', year: 2023, start: '2023-05-01', end: '2023-04-01' }],
  ] as const)('refuses %j with a Vietnamese message', (input) => {
    expect(() => reportingPeriod(input)).toThrow(PeriodError);
  });

  it('lists the months of a recurring schedule in order', () => {
    const labels = periodsBetween('MONTH', '2021-05-01', '2021-12-31').map((p) => p.label);
    expect(labels).toEqual([
      'Tháng 5/2021',
      'Tháng 6/2021',
      'Tháng 7/2021',
      'Tháng 8/2021',
      'Tháng 9/2021',
      'Tháng 10/2021',
      'Tháng 11/2021',
      'Tháng 12/2021',
    ]);
  });
});
