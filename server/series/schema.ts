// Indicator series in GraphQL: one template cell across periods and agencies, as a Relay
// connection of (agency, period, value) points for analysts.
import { resolveArrayConnection } from '@pothos/plugin-relay';
import type { Org } from '../../generated/prisma/client.ts';
import { builder } from '../graphql/builder.ts';
import { AdminLevelEnum, OrgKindEnum, PeriodKindEnum } from '../graphql/enums.ts';
import { badInput } from '../graphql/errors.ts';
import { OrgRef } from '../orgs/schema.ts';
import type { SeriesPeriod, SeriesPoint } from './series.ts';
import { indicatorSeries, seriesCell, type SeriesLevel, type SeriesPeriodKind } from './load.ts';
import type { Context } from '../graphql/context.ts';

const SeriesStateEnum = builder.enumType('SeriesState', {
  description:
    'COMPLETE: mọi đơn vị được yêu cầu đã gửi; PARTIAL: một số đã gửi; MISSING: không đơn vị nào gửi (không phải số 0); NOT_ASKED: kỳ này không yêu cầu đơn vị nào ở đây',
  values: ['COMPLETE', 'PARTIAL', 'MISSING', 'NOT_ASKED'] as const,
});

const SeriesLevelEnum = builder.enumType('SeriesLevel', {
  description: 'Cộng dồn lên UBND cấp này',
  values: ['PROVINCE', 'DISTRICT', 'COMMUNE'] as const,
});

const SeriesPeriodRef = builder.objectRef<SeriesPeriod>('SeriesPeriod').implement({
  fields: (t) => ({
    label: t.exposeString('label'),
    start: t.expose('start', { type: 'Date' }),
    end: t.expose('end', { type: 'Date' }),
  }),
});

const SeriesPointRef = builder.objectRef<SeriesPoint<Org>>('SeriesPoint').implement({
  description: 'Giá trị của một chỉ số tại một đơn vị (theo cơ cấu hiện nay) trong một kỳ',
  fields: (t) => ({
    org: t.field({ type: OrgRef, resolve: (p) => p.unit }),
    period: t.field({ type: SeriesPeriodRef, resolve: (p) => p.period }),
    value: t.exposeString('value', {
      nullable: true,
      description: 'Dạng chuẩn của ô (80 là 80%); null khi chưa có đơn vị nào gửi',
    }),
    state: t.field({ type: SeriesStateEnum, resolve: (p) => p.state }),
    sent: t.exposeInt('sent', { description: 'Số báo cáo đã gửi được tính' }),
    expected: t.exposeInt('expected', { description: 'Số đơn vị được yêu cầu báo cáo' }),
    formerNames: t.exposeStringList('formerNames', {
      description: 'Tên cũ của các đơn vị nay thuộc đơn vị này (sáp nhập, đổi tên)',
    }),
  }),
});

export const IndicatorSeriesInput = builder.inputType('IndicatorSeriesInput', {
  fields: (t) => ({
    targetId: t.id({
      required: false,
      description: 'Chỉ tiêu của kế hoạch: theo ô đo chỉ tiêu này (thay cho mẫu/bảng/dòng/cột)',
    }),
    templateCode: t.string({ required: false, description: 'Mã mẫu báo cáo (mọi phiên bản)' }),
    tableKey: t.string({ required: false }),
    rowKey: t.string({ required: false }),
    columnKey: t.string({ required: false }),
    periodKind: t.field({ type: PeriodKindEnum, required: true }),
    from: t.string({
      required: true,
      description: 'Từ ngày (YYYY-MM-DD): các kỳ nằm trọn trong khoảng',
    }),
    to: t.string({ required: true, description: 'Đến ngày (YYYY-MM-DD)' }),
    withinOrgId: t.id({ required: true, description: 'Các đơn vị thuộc đơn vị này' }),
    level: t.field({ type: SeriesLevelEnum, required: false }),
    groupKind: t.field({
      type: OrgKindEnum,
      required: false,
      description: 'Chỉ các đơn vị thuộc loại này (ví dụ DEPARTMENT: các sở, ngành)',
    }),
    groupLevel: t.field({
      type: AdminLevelEnum,
      required: false,
      description: 'Chỉ các đơn vị thuộc cấp này (ví dụ COMMUNE: cấp xã)',
    }),
  }),
});

/** The GraphQL input as the loader takes it (AD_HOC periods have no series). */
export async function seriesInput(ctx: Context, input: typeof IndicatorSeriesInput.$inferInput) {
  if (input.periodKind === 'AD_HOC') {
    throw badInput(
      'Kỳ đột xuất không tạo thành chuỗi số liệu; chọn tháng, quý, 6 tháng, 9 tháng hoặc năm.',
    );
  }
  const { groupKind, groupLevel, targetId, ...rest } = input;
  return {
    ...rest,
    ...(await seriesCell(ctx, { targetId, ...rest })),
    periodKind: input.periodKind as SeriesPeriodKind,
    level: (input.level ?? null) as SeriesLevel | null,
    group: { kind: groupKind ?? null, level: groupLevel ?? null },
  };
}

builder.queryField('indicatorSeries', (t) =>
  t.connection({
    type: SeriesPointRef,
    authScopes: { authenticated: true },
    description:
      'Một ô của mẫu báo cáo qua các kỳ và các đơn vị: mỗi điểm là (đơn vị, kỳ, giá trị), xếp theo đơn vị rồi theo kỳ; đơn vị đã sáp nhập xếp dưới đơn vị kế thừa, giữ tên cũ; kỳ không gửi là MISSING, không phải 0',
    args: { input: t.arg({ type: IndicatorSeriesInput, required: true }) },
    resolve: async (_root, args, ctx) => {
      const series = await indicatorSeries(ctx, await seriesInput(ctx, args.input));
      return resolveArrayConnection({ args }, series.points);
    },
  }),
);
