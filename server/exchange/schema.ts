// Exchange with other systems in GraphQL: the Sở's code schemes and mapping tables, importing a
// report as DHIS2 dataValueSets JSON, and the administrator's receivers with their delivery log.
// The payloads themselves are files (files.ts); the rules are in schemes.ts, import.ts, outbox.ts.
import { builder } from '../graphql/builder.ts';
import { ProblemRef } from '../sheets/schema.ts';
import { importDataValueSet, type ImportCount, type ImportResult } from './import.ts';
import { createScheme, schemeFor, setCodes } from './schemes.ts';
import { MAX_ATTEMPTS_LIMIT, receiverInput, saveReceiver, retryDelivery } from './receivers.ts';

const ExchangeCodeKindEnum = builder.enumType('ExchangeCodeKind', {
  description:
    'DATA_SET: mã mẫu báo cáo → bộ dữ liệu; DATA_ELEMENT: "mẫu/bảng/dòng/cột" → phần tử dữ liệu; ORG_UNIT: mã đơn vị → đơn vị bên nhận; COMMENT: "mẫu/bảng/cột ghi chú" → "mẫu/bảng/cột giá trị" (ghi chú đi kèm giá trị, như comment của DHIS2)',
  values: ['DATA_SET', 'DATA_ELEMENT', 'ORG_UNIT', 'COMMENT'] as const,
});
const ExchangeFormatEnum = builder.enumType('ExchangeFormat', {
  description: 'DHIS2_JSON: dataValueSets JSON; ADX_XML: IHE ADX',
  values: ['DHIS2_JSON', 'ADX_XML'] as const,
});
const DeliveryStatusEnum = builder.enumType('DeliveryStatus', {
  description:
    'PENDING: chờ gửi; DELIVERED: nơi nhận đã nhận; FAILED: lỗi, sẽ thử lại; GAVE_UP: đã thử đủ số lần',
  values: ['PENDING', 'DELIVERED', 'FAILED', 'GAVE_UP'] as const,
});

builder.prismaObject('ExchangeCode', {
  fields: (t) => ({
    kind: t.expose('kind', { type: ExchangeCodeKindEnum }),
    ours: t.exposeString('ours'),
    code: t.exposeString('code'),
    categoryOptionCombo: t.exposeString('categoryOptionCombo'),
  }),
});

builder.prismaObject('ExchangeScheme', {
  description: 'Bảng mã của một hệ thống nhận dữ liệu (DHIS2, LGSP của tỉnh), do Sở duy trì',
  fields: (t) => ({
    id: t.exposeID('id'),
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    owner: t.relation('owner'),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    codes: t.relation('codes', { query: { orderBy: [{ kind: 'asc' }, { ours: 'asc' }] } }),
    // Addresses and the delivery log are for administrators (an address may carry a key).
    receivers: t.relation('receivers', {
      authScopes: { role: 'ADMIN' },
      query: { orderBy: { createdAt: 'asc' } },
    }),
  }),
});

builder.prismaObject('ExchangeReceiver', {
  description: 'Một hệ thống nhận mọi phiên bản đã gửi của các báo cáo nó cần',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    url: t.exposeString('url'),
    format: t.expose('format', { type: ExchangeFormatEnum }),
    hasAuthHeader: t.boolean({
      description: 'Có tiêu đề xác thực (không bao giờ đọc lại được qua API)',
      resolve: (r) => Boolean(r.authHeader),
    }),
    templateCodes: t.exposeStringList('templateCodes', {
      description: 'Mẫu báo cáo được gửi; trống: mọi mẫu',
    }),
    maxAttempts: t.exposeInt('maxAttempts'),
    retryBaseMs: t.exposeInt('retryBaseMs'),
    active: t.exposeBoolean('active', {
      description:
        'false: tạm dừng; các phiên bản gửi trong lúc dừng vẫn xếp hàng, gửi khi bật lại',
    }),
    deliveries: t.relatedConnection('deliveries', {
      cursor: 'id',
      description: 'Nhật ký gửi, mới nhất trước',
      args: { status: t.arg({ type: DeliveryStatusEnum, required: false }) },
      query: (args) => ({
        where: args.status ? { status: args.status } : {},
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      }),
    }),
  }),
});

builder.prismaObject('ExchangeDelivery', {
  fields: (t) => ({
    id: t.exposeID('id'),
    submission: t.relation('submission'),
    version: t.exposeInt('version'),
    key: t.exposeString('key', { description: 'Idempotency-Key gửi kèm; nơi nhận bỏ bản trùng' }),
    status: t.expose('status', { type: DeliveryStatusEnum }),
    attempts: t.exposeInt('attempts'),
    nextAttemptAt: t.field({
      type: 'DateTime',
      nullable: true,
      description: 'Lần thử tới; trống khi đã gửi được hoặc đã dừng thử',
      resolve: (d) => (d.status === 'FAILED' || d.status === 'PENDING' ? d.nextAttemptAt : null),
    }),
    deliveredAt: t.expose('deliveredAt', { type: 'DateTime', nullable: true }),
    log: t.relation('log', { query: { orderBy: { at: 'asc' } } }),
  }),
});

builder.prismaObject('ExchangeAttempt', {
  fields: (t) => ({
    at: t.expose('at', { type: 'DateTime' }),
    httpStatus: t.exposeInt('httpStatus', { nullable: true }),
    answer: t.exposeString('answer', {
      description: 'Trả lời của nơi nhận, hoặc lý do không gửi được',
    }),
    ok: t.exposeBoolean('ok'),
  }),
});

const CodeLineInput = builder.inputType('ExchangeCodeInput', {
  fields: (t) => ({
    kind: t.field({ type: ExchangeCodeKindEnum, required: true }),
    ours: t.string({ required: true }),
    code: t.string({ required: true }),
    categoryOptionCombo: t.string({ required: false }),
  }),
});

const ReceiverInput = builder.inputType('ExchangeReceiverInput', {
  fields: (t) => ({
    id: t.id({ required: false, description: 'Bỏ trống: nơi nhận mới' }),
    schemeCode: t.string({ required: true }),
    name: t.string({ required: true }),
    url: t.string({ required: true, description: 'http(s)://… nhận POST' }),
    format: t.field({ type: ExchangeFormatEnum, required: true }),
    authHeader: t.string({
      required: false,
      description: '"Authorization: ApiToken …"; bỏ trống khi sửa: giữ nguyên; "" : bỏ',
    }),
    templateCodes: t.stringList({ required: false }),
    maxAttempts: t.int({ required: false, description: `1–${MAX_ATTEMPTS_LIMIT}, mặc định 10` }),
    retryBaseMs: t.int({
      required: false,
      description: 'Chờ sau lần lỗi đầu (ms), nhân đôi mỗi lần',
    }),
    active: t.boolean({ required: false }),
  }),
});

const ImportCountRef = builder.objectRef<ImportCount>('ImportCount').implement({
  description: 'Như importCount của DHIS2',
  fields: (t) => ({
    imported: t.exposeInt('imported'),
    updated: t.exposeInt('updated'),
    deleted: t.exposeInt('deleted'),
    ignored: t.exposeInt('ignored', { description: 'Không đổi, hoặc không nhập vì có lỗi' }),
  }),
});

const ImportPayload = builder.objectRef<ImportResult>('ImportDataValueSetPayload').implement({
  fields: (t) => ({
    submission: t.prismaField({
      type: 'Submission',
      nullable: true,
      resolve: (_query, r) => r.submission,
    }),
    problems: t.field({ type: [ProblemRef], resolve: (r) => r.problems }),
    importCount: t.field({ type: ImportCountRef, resolve: (r) => r.importCount }),
  }),
});

builder.queryFields((t) => ({
  exchangeScheme: t.prismaField({
    type: 'ExchangeScheme',
    authScopes: { authenticated: true },
    description: 'Bảng mã và nơi nhận dữ liệu (người theo dõi tỉnh của bảng mã)',
    args: { code: t.arg.string({ required: true }) },
    resolve: async (query, _root, { code }, ctx) => {
      const { scheme } = await schemeFor(ctx, code, 'READ');
      return ctx.prisma.exchangeScheme.findUniqueOrThrow({ ...query, where: { id: scheme.id } });
    },
  }),
}));

builder.mutationFields((t) => ({
  createExchangeScheme: t.prismaField({
    type: 'ExchangeScheme',
    authScopes: { authenticated: true },
    description: 'Lập bảng mã cho một hệ thống nhận dữ liệu (đơn vị tổng hợp, quản trị)',
    args: {
      code: t.arg.string({ required: true }),
      name: t.arg.string({ required: true }),
      ownerOrgId: t.arg.id({ required: true }),
    },
    resolve: (_query, _root, args, ctx) => createScheme(ctx, args),
  }),
  setExchangeCodes: t.prismaField({
    type: 'ExchangeScheme',
    authScopes: { authenticated: true },
    description: 'Thay cả bảng mã; có lỗi thì không lưu gì và liệt kê từng lỗi',
    args: {
      schemeCode: t.arg.string({ required: true }),
      codes: t.arg({ type: [CodeLineInput], required: true }),
    },
    resolve: (_query, _root, { schemeCode, codes }, ctx) => setCodes(ctx, schemeCode, codes),
  }),
  importDataValueSet: t.field({
    type: ImportPayload,
    authScopes: { role: 'REPORTER' },
    description:
      'Nhập báo cáo từ dataValueSets JSON của DHIS2 qua bảng mã, với cùng các kiểm tra như saveReport',
    args: {
      schemeCode: t.arg.string({ required: true }),
      payload: t.arg.string({ required: true, description: 'Nội dung JSON' }),
      requestId: t.arg.id({ required: false }),
      baseVersion: t.arg.int({ required: true }),
      idempotencyKey: t.arg.string({ required: true }),
      submit: t.arg.boolean({ required: false }),
    },
    resolve: (_root, args, ctx) => importDataValueSet(ctx, args),
  }),
  saveExchangeReceiver: t.prismaField({
    type: 'ExchangeReceiver',
    authScopes: { role: 'ADMIN' },
    description: 'Thêm hoặc sửa một nơi nhận dữ liệu (quản trị)',
    args: { input: t.arg({ type: ReceiverInput, required: true }) },
    resolve: (_query, _root, { input }, ctx) => saveReceiver(ctx, receiverInput(input)),
  }),
  retryExchangeDelivery: t.prismaField({
    type: 'ExchangeDelivery',
    authScopes: { role: 'ADMIN' },
    description: 'Gửi lại ngay một lần gửi đã lỗi hoặc đã dừng thử (quản trị)',
    args: { id: t.arg.id({ required: true }) },
    resolve: (_query, _root, { id }, ctx) => retryDelivery(ctx, id),
  }),
}));
