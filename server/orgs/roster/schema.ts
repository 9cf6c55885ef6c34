// Agencies and accounts from a roster file, in GraphQL: the template (orgImportTemplate) and the
// import (importOrgsAndUsers), dry run first. Files travel as base64. Administrators of the tree
// only (ADMIN over its root).
import { ACTIVATION_DAYS, validDaysProblem } from '../../auth/activation.ts';
import { deliverSoon } from '../../auth/invitations.ts';
import { IssuedActivationCodeRef } from '../../auth/schema.ts';
import { FileError } from '../../files/workbook.ts';
import { builder } from '../../graphql/builder.ts';
import { badInput } from '../../graphql/errors.ts';
import { activationListHtml, activationListXlsx } from './activation-list.ts';
import { administeredRoot, importRoster, readTree, type RosterOutcome } from './apply.ts';
import { placeText } from './columns.ts';
import type { FieldChange, OrgStep, RosterProblem, UserStep } from './plan.ts';
import { readRosterFile, rosterFileName, rosterTemplate } from './workbook.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface FileDownload {
  fileName: string;
  contentType: string;
  base64: string;
}

export const FileDownloadRef = builder.objectRef<FileDownload>('FileDownload').implement({
  description: 'Một tệp để tải về, nội dung mã hóa base64 / a file to save, base64-encoded',
  fields: (t) => ({
    fileName: t.exposeString('fileName'),
    contentType: t.exposeString('contentType'),
    base64: t.exposeString('base64'),
  }),
});

const ProblemRef = builder.objectRef<RosterProblem>('OrgImportProblem').implement({
  description: 'Một lỗi trong tệp, chỉ rõ trang, dòng, cột / a problem, by sheet, row and column',
  fields: (t) => ({
    sheet: t.exposeString('sheet'),
    row: t.exposeInt('row', { nullable: true }),
    column: t.exposeString('column', { nullable: true }),
    message: t.exposeString('message'),
    text: t.string({
      description: 'Nơi và lỗi trong một câu: Trang "Đơn vị", dòng 5, cột "Cấp": …',
      resolve: (p) => `${placeText(p.sheet, p.row, p.column)}: ${p.message}`,
    }),
  }),
});

const FieldChangeRef = builder.objectRef<FieldChange>('OrgImportFieldChange').implement({
  fields: (t) => ({
    field: t.exposeString('field', { description: 'Tên cột' }),
    before: t.exposeString('before', { nullable: true }),
    after: t.exposeString('after', { nullable: true }),
  }),
});

const OrgImportActionEnum = builder.enumType('OrgImportAction', {
  description: 'Tạo mới, thay đổi, hoặc đóng (ngừng hoạt động)',
  values: ['CREATE', 'UPDATE', 'CLOSE'] as const,
});

type OrgChangeView = OrgStep & { orgId: string | null };
type UserChangeView = UserStep & { createdUserId: string | null };

const OrgChangeRef = builder.objectRef<OrgChangeView>('OrgImportOrgChange').implement({
  fields: (t) => ({
    action: t.field({ type: OrgImportActionEnum, resolve: (s) => s.action }),
    row: t.exposeInt('row'),
    orgId: t.exposeID('orgId', { nullable: true, description: 'Sau khi áp dụng' }),
    code: t.exposeString('code'),
    name: t.exposeString('name'),
    parentName: t.exposeString('parentName', { nullable: true }),
    changes: t.field({ type: [FieldChangeRef], resolve: (s) => s.changes }),
  }),
});

const UserChangeRef = builder.objectRef<UserChangeView>('OrgImportUserChange').implement({
  fields: (t) => ({
    action: t.field({ type: OrgImportActionEnum, resolve: (s) => s.action }),
    row: t.exposeInt('row'),
    userId: t.id({
      nullable: true,
      description: 'Sau khi áp dụng',
      resolve: (s) => s.userId ?? s.createdUserId,
    }),
    email: t.exposeString('email'),
    name: t.exposeString('name'),
    orgName: t.exposeString('orgName'),
    orgCode: t.exposeString('orgCode'),
    roles: t.exposeString('rolesText', { description: 'Vai trò sau khi áp dụng' }),
    changes: t.field({ type: [FieldChangeRef], resolve: (s) => s.changes }),
  }),
});

interface Summary {
  orgsCreated: number;
  orgsChanged: number;
  orgsClosed: number;
  orgsUnchanged: number;
  usersCreated: number;
  usersChanged: number;
  usersUnchanged: number;
}

const SummaryRef = builder.objectRef<Summary>('OrgImportSummary').implement({
  fields: (t) => ({
    orgsCreated: t.exposeInt('orgsCreated'),
    orgsChanged: t.exposeInt('orgsChanged'),
    orgsClosed: t.exposeInt('orgsClosed'),
    orgsUnchanged: t.exposeInt('orgsUnchanged'),
    usersCreated: t.exposeInt('usersCreated'),
    usersChanged: t.exposeInt('usersChanged'),
    usersUnchanged: t.exposeInt('usersUnchanged'),
  }),
});

interface ResultView {
  outcome: RosterOutcome;
  createdUserIds: Map<string, string>;
  activationList: FileDownload | null;
}

const ResultRef = builder.objectRef<ResultView>('OrgImportResult').implement({
  description:
    'Kết quả (hoặc bản chạy thử) của một tệp danh sách đơn vị và tài khoản: có lỗi thì không áp dụng gì',
  fields: (t) => ({
    dryRun: t.boolean({ resolve: (r) => r.outcome.dryRun }),
    applied: t.boolean({
      description: 'Đã áp dụng (không phải chạy thử, và không có lỗi)',
      resolve: (r) => r.outcome.applied,
    }),
    problems: t.field({
      type: [ProblemRef],
      description: 'Mọi lỗi; có lỗi thì không áp dụng gì',
      resolve: (r) => r.outcome.plan.problems,
    }),
    orgChanges: t.field({
      type: [OrgChangeRef],
      resolve: (r) =>
        r.outcome.plan.orgs.map((s) => ({
          ...s,
          orgId: r.outcome.ids.get(s.ref) ?? (s.ref.startsWith('new:') ? null : s.ref),
        })),
    }),
    userChanges: t.field({
      type: [UserChangeRef],
      resolve: (r) =>
        r.outcome.plan.users.map((s) => ({
          ...s,
          createdUserId: r.createdUserIds.get(s.email) ?? null,
        })),
    }),
    summary: t.field({
      type: SummaryRef,
      resolve: ({ outcome: { plan } }) => ({
        orgsCreated: plan.orgs.filter((s) => s.action === 'CREATE').length,
        orgsChanged: plan.orgs.filter((s) => s.action === 'UPDATE').length,
        orgsClosed: plan.orgs.filter((s) => s.action === 'CLOSE').length,
        orgsUnchanged: plan.unchangedOrgs,
        usersCreated: plan.users.filter((s) => s.action === 'CREATE').length,
        usersChanged: plan.users.filter((s) => s.action === 'UPDATE').length,
        usersUnchanged: plan.unchangedUsers,
      }),
    }),
    activationCodes: t.field({
      type: [IssuedActivationCodeRef],
      description: 'Mã kích hoạt của các tài khoản mới: chỉ hiện lần này',
      resolve: (r) => r.outcome.codes,
    }),
    activationList: t.field({
      type: FileDownloadRef,
      nullable: true,
      description: 'Danh sách mã kích hoạt theo đơn vị (.xlsx, mỗi đơn vị một trang in)',
      resolve: (r) => r.activationList,
    }),
    activationListHtml: t.string({
      nullable: true,
      description: 'Cũng danh sách đó, dạng trang HTML để in từ trình duyệt',
      resolve: (r) =>
        r.outcome.codes.length ? activationListHtml(r.outcome.root.name, r.outcome.codes) : null,
    }),
  }),
});

/** The uploaded file from its base64; anything else is refused before it is opened. */
function decodeFile(base64: string): Buffer {
  const text = base64.replace(/^data:[^,]*,/, '').replace(/\s+/g, '');
  if (!text || !/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) {
    throw badInput('Tệp phải được gửi dưới dạng base64 của một tệp .xlsx.');
  }
  return Buffer.from(text, 'base64');
}

builder.queryFields((t) => ({
  orgImportTemplate: t.field({
    type: FileDownloadRef,
    description:
      'Tệp mẫu (.xlsx) danh sách đơn vị và tài khoản của một tỉnh, điền sẵn những gì đang có; sửa rồi gửi lại bằng importOrgsAndUsers. Quản trị viên / the roster template of a tree (ADMIN)',
    authScopes: { role: 'ADMIN' },
    args: { rootOrgId: t.arg.id({ required: true, description: 'Đơn vị gốc, ví dụ UBND tỉnh' }) },
    resolve: async (_root, { rootOrgId }, ctx) => {
      const root = await administeredRoot(ctx, rootOrgId);
      const tree = await readTree(ctx.prisma, root);
      const body = await rosterTemplate({ root, ...tree });
      return {
        fileName: rosterFileName('Danh sách đơn vị và tài khoản', root.name),
        contentType: XLSX,
        base64: body.toString('base64'),
      };
    },
  }),
}));

builder.mutationFields((t) => ({
  importOrgsAndUsers: t.field({
    type: ResultRef,
    description:
      'Nhập đơn vị và tài khoản của một tỉnh từ tệp .xlsx (base64). dryRun: true chỉ cho xem những gì sẽ tạo, sửa, đóng. Có lỗi thì không áp dụng gì; tài khoản mới nhận mã kích hoạt (không có mật khẩu trong tệp). Quản trị viên / import agencies and accounts (ADMIN)',
    authScopes: { role: 'ADMIN' },
    args: {
      rootOrgId: t.arg.id({ required: true, description: 'Đơn vị gốc, ví dụ UBND tỉnh' }),
      file: t.arg.string({ required: true, description: 'Nội dung tệp .xlsx, base64' }),
      dryRun: t.arg.boolean({ required: true }),
      codeValidDays: t.arg.int({
        required: false,
        defaultValue: ACTIVATION_DAYS,
        description: 'Số ngày mã kích hoạt còn hiệu lực',
      }),
    },
    resolve: async (_root, args, ctx) => {
      const days = args.codeValidDays ?? ACTIVATION_DAYS;
      const wrong = validDaysProblem(days);
      if (wrong) throw badInput(wrong);
      // Who may, before the file is opened.
      await administeredRoot(ctx, args.rootOrgId);
      let file;
      try {
        file = await readRosterFile(decodeFile(args.file));
      } catch (error) {
        if (error instanceof FileError) throw badInput(error.message);
        throw error;
      }
      const outcome = await importRoster(ctx, args.rootOrgId, file, {
        dryRun: args.dryRun,
        codeValidDays: days,
      });
      if (outcome.codes.some((c) => c.emailed)) deliverSoon(ctx);
      const createdUserIds = new Map<string, string>();
      if (outcome.applied && outcome.plan.users.some((u) => u.action === 'CREATE')) {
        const made = await ctx.prisma.user.findMany({
          where: { email: { in: outcome.plan.users.map((u) => u.email) } },
          select: { id: true, email: true },
        });
        for (const u of made) createdUserIds.set(u.email, u.id);
      }
      const activationList = outcome.codes.length
        ? {
            fileName: rosterFileName('Mã kích hoạt', outcome.root.name),
            contentType: XLSX,
            base64: (await activationListXlsx(outcome.root.name, outcome.codes)).toString('base64'),
          }
        : null;
      return { outcome, createdUserIds, activationList };
    },
  }),
}));
