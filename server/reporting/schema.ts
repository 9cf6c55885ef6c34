// Reporting periods in GraphQL: the pure arithmetic of Nghị định 09/2019/NĐ-CP Điều 12.
import { builder } from '../graphql/builder.ts';
import { PeriodKindEnum } from '../graphql/enums.ts';
import { badInput } from '../graphql/errors.ts';
import { PeriodError, reportingPeriod, type Period } from '../../shared/reporting/period.ts';

export const ReportingPeriodType = builder.objectRef<Period>('ReportingPeriod').implement({
  description:
    'Kỳ báo cáo và thời gian chốt số liệu / a reporting period and its data cutoff window',
  fields: (t) => ({
    kind: t.expose('kind', { type: PeriodKindEnum }),
    year: t.exposeInt('year'),
    number: t.int({ nullable: true, resolve: (p) => p.number || null }),
    label: t.exposeString('label'),
    start: t.expose('start', { type: 'Date' }),
    end: t.expose('end', { type: 'Date' }),
    cutoffStart: t.expose('cutoffStart', { type: 'Date' }),
    cutoffEnd: t.expose('cutoffEnd', { type: 'Date' }),
  }),
});

builder.queryFields((t) => ({
  reportingPeriod: t.field({
    type: ReportingPeriodType,
    description: 'Kỳ báo cáo theo Nghị định 09/2019/NĐ-CP Điều 12 (không cần đăng nhập)',
    args: {
      kind: t.arg({ type: PeriodKindEnum, required: true }),
      year: t.arg.int({ required: true }),
      number: t.arg.int({ required: false }),
      start: t.arg({ type: 'Date', required: false }),
      end: t.arg({ type: 'Date', required: false }),
    },
    resolve: (_root, args) => {
      try {
        return reportingPeriod(args);
      } catch (error) {
        if (error instanceof PeriodError) throw badInput(error.message);
        throw error;
      }
    },
  }),
}));
