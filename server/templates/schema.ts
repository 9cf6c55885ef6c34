// Report templates in GraphQL: versions, outline sections, tables with typed columns and rows.
import { builder } from '../graphql/builder.ts';
import { AggregateEnum, ColumnTypeEnum } from '../graphql/enums.ts';
import { notFound } from '../graphql/errors.ts';

const ChoiceOption = builder.objectRef<{ key: string; label: string }>('ChoiceOption').implement({
  fields: (t) => ({ key: t.exposeString('key'), label: t.exposeString('label') }),
});

builder.prismaObject('TemplateColumn', {
  fields: (t) => ({
    key: t.exposeString('key'),
    label: t.exposeString('label'),
    type: t.expose('type', { type: ColumnTypeEnum }),
    required: t.exposeBoolean('required'),
    readOnly: t.exposeBoolean('readOnly'),
    aggregate: t.expose('aggregate', { type: AggregateEnum }),
    binding: t.exposeString('binding', { nullable: true }),
    carryForward: t.exposeBoolean('carryForward', {
      description: 'Kỳ mới được điền sẵn từ số liệu đơn vị đã gửi kỳ trước',
    }),
    changeFactor: t.exposeFloat('changeFactor', {
      nullable: true,
      description: 'Hệ số thay đổi riêng của cột (ghi đè hệ số của mẫu)',
    }),
    options: t.field({
      type: [ChoiceOption],
      resolve: (c) =>
        Array.isArray(c.options) ? (c.options as { key: string; label: string }[]) : [],
    }),
  }),
});

builder.prismaObject('TemplateRow', {
  fields: (t) => ({
    key: t.exposeString('key'),
    group: t.exposeString('groupKey', { nullable: true }),
    label: t.exposeString('label'),
    isGroup: t.exposeBoolean('isGroup'),
    readOnly: t.exposeBoolean('readOnly'),
    carryForward: t.exposeBoolean('carryForward', {
      description: 'Mọi ô của dòng được điền sẵn từ kỳ trước (số tồn)',
    }),
  }),
});

builder.prismaObject('TemplateTable', {
  fields: (t) => ({
    key: t.exposeString('key'),
    title: t.exposeString('title'),
    description: t.exposeString('description', { nullable: true }),
    rowMode: t.exposeString('rowMode', {
      description:
        'FIXED (dòng cố định), TASKS / TARGETS (sinh từ kế hoạch), OPEN (đơn vị tự thêm)',
    }),
    allowOpenRows: t.exposeBoolean('allowOpenRows'),
    columns: t.relation('columns', { query: { orderBy: { sortOrder: 'asc' } } }),
    rows: t.relation('rows', { query: { orderBy: { sortOrder: 'asc' } } }),
  }),
});

builder.prismaObject('TemplateSection', {
  fields: (t) => ({
    key: t.exposeString('key'),
    number: t.exposeString('number', { nullable: true }),
    heading: t.exposeString('heading'),
    guidance: t.exposeString('guidance', { nullable: true }),
    answerable: t.exposeBoolean('answerable'),
    depth: t.exposeInt('depth'),
  }),
});

export const ReportTemplateRef = builder.prismaObject('ReportTemplate', {
  description: 'Mẫu báo cáo (đề cương và biểu mẫu); phiên bản đã ban hành không sửa được',
  fields: (t) => ({
    id: t.exposeID('id'),
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    version: t.exposeInt('version'),
    status: t.exposeString('status'),
    publishedAt: t.expose('publishedAt', { type: 'DateTime', nullable: true }),
    description: t.exposeString('description', { nullable: true }),
    note: t.exposeString('note', { nullable: true }),
    changeFactor: t.exposeFloat('changeFactor', {
      nullable: true,
      description:
        'Cảnh báo khi số liệu gấp hoặc giảm hơn chừng này lần so với kỳ trước đơn vị đã gửi; null: không kiểm tra',
    }),
    document: t.relation('document', { nullable: true }),
    sections: t.relation('sections', { query: { orderBy: { sortOrder: 'asc' } } }),
    tables: t.relation('tables', { query: { orderBy: { sortOrder: 'asc' } } }),
    versions: t.prismaField({
      type: ['ReportTemplate'],
      description: 'Mọi phiên bản cùng mã mẫu',
      select: { code: true },
      resolve: (query, tpl, _args, ctx) =>
        ctx.prisma.reportTemplate.findMany({
          ...query,
          where: { code: tpl.code },
          orderBy: { version: 'asc' },
        }),
    }),
  }),
});

builder.queryFields((t) => ({
  reportTemplates: t.prismaField({
    type: ['ReportTemplate'],
    authScopes: { authenticated: true },
    args: { code: t.arg.string({ required: false }) },
    resolve: (query, _root, { code }, ctx) =>
      ctx.prisma.reportTemplate.findMany({
        ...query,
        where: code ? { code } : {},
        orderBy: [{ code: 'asc' }, { version: 'desc' }],
      }),
  }),
  reportTemplate: t.prismaField({
    type: 'ReportTemplate',
    authScopes: { authenticated: true },
    args: { id: t.arg.id({ required: true }) },
    resolve: async (query, _root, { id }, ctx) => {
      const tpl = await ctx.prisma.reportTemplate.findUnique({ ...query, where: { id } });
      if (!tpl) throw notFound(`mẫu báo cáo ${id}`);
      return tpl;
    },
  }),
}));
