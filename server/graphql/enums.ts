// GraphQL enums, named as in docs/contract/schema-excerpt.graphql, values from the Prisma schema.
import {
  AdminLevel,
  AdminUnitType,
  Aggregate,
  ColumnType,
  Comparator,
  DocumentKind,
  DocumentStatus,
  OrgKind,
  PeriodKind,
  Pillar,
  PlanKind,
  ReportKind,
  Role,
  SigningForm,
  SubmissionStatus,
  TargetUnit,
} from '../../generated/prisma/enums.ts';
import { builder } from './builder.ts';

export const AdminLevelEnum = builder.enumType('AdminLevel', { values: Object.values(AdminLevel) });
export const AdminUnitTypeEnum = builder.enumType('AdminUnitType', {
  description: 'Loại đơn vị hành chính: tỉnh, thành phố, xã, phường, đặc khu',
  values: Object.values(AdminUnitType),
});
export const OrgKindEnum = builder.enumType('OrgKind', { values: Object.values(OrgKind) });
export const RoleEnum = builder.enumType('Role', { values: Object.values(Role) });
export const PeriodKindEnum = builder.enumType('PeriodKind', { values: Object.values(PeriodKind) });
export const ReportKindEnum = builder.enumType('ReportKind', { values: Object.values(ReportKind) });
export const SubmissionStatusEnum = builder.enumType('SubmissionStatus', {
  values: Object.values(SubmissionStatus),
});
export const SigningFormEnum = builder.enumType('SigningForm', {
  description:
    'Hình thức ký theo Nghị định 30/2020/NĐ-CP: DIRECT (người đứng đầu ký), TM. (thay mặt tập thể), Q. (quyền), KT. (ký thay), TL. (thừa lệnh), TUQ. (thừa ủy quyền)',
  values: Object.values(SigningForm),
});
export const TargetUnitEnum = builder.enumType('TargetUnit', { values: Object.values(TargetUnit) });
export const ComparatorEnum = builder.enumType('Comparator', { values: Object.values(Comparator) });
export const ColumnTypeEnum = builder.enumType('ColumnType', { values: Object.values(ColumnType) });
export const AggregateEnum = builder.enumType('Aggregate', { values: Object.values(Aggregate) });
export const DocumentStatusEnum = builder.enumType('DocumentStatus', {
  values: Object.values(DocumentStatus),
});
export const DocumentKindEnum = builder.enumType('DocumentKind', {
  values: Object.values(DocumentKind),
});
export const PlanKindEnum = builder.enumType('PlanKind', { values: Object.values(PlanKind) });
export const PillarEnum = builder.enumType('Pillar', { values: Object.values(Pillar) });
