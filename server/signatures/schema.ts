// Digital signatures in GraphQL: what to sign, signing, and the signature as the Sở reads it. The
// rules live in signing.ts.
import { builder } from '../graphql/builder.ts';
import { SigningFormEnum } from '../graphql/enums.ts';
import { loadSigning } from '../libraries.ts';
import type { SignatureView, SigningPayload } from './signing.ts';

const SubmissionSignatureRef = builder.objectRef<SignatureView>('SubmissionSignature').implement({
  description: 'Chữ ký số của bản đã duyệt, kiểm tra lại mỗi lần đọc với số liệu đang lưu',
  fields: (t) => ({
    version: t.exposeInt('version'),
    form: t.expose('form', { type: SigningFormEnum }),
    signerOffice: t.exposeString('signerOffice', { nullable: true }),
    signerTitle: t.exposeString('signerTitle', { nullable: true }),
    signerName: t.exposeString('signerName'),
    serialNumber: t.exposeString('serialNumber', { description: 'Số sê-ri chứng thư (hex)' }),
    issuer: t.exposeString('issuer', { description: 'Tổ chức cấp chứng thư' }),
    signedAt: t.expose('signedAt', { type: 'DateTime' }),
    valid: t.exposeBoolean('valid'),
    problem: t.exposeString('problem', { nullable: true, description: 'Vì sao không hợp lệ' }),
    summary: t.exposeString('summary', {
      description: '"Đã ký số bởi …, hợp lệ" hoặc lý do không hợp lệ',
    }),
    signedCopyUrl: t.string({
      nullable: true,
      description: 'Bản PDF đã ký số (PAdES), tải kèm Authorization',
      resolve: (v) =>
        v.hasSignedCopy
          ? `/files/submissions/${encodeURIComponent(v.submissionId)}/signed.pdf`
          : null,
    }),
  }),
});

const SigningPayloadRef = builder.objectRef<SigningPayload>('SigningPayload').implement({
  description:
    'Những gì thiết bị ký của lãnh đạo ký: dạng chuẩn của báo cáo (RFC 8785) và mã băm SHA-256 của nó',
  fields: (t) => ({
    submissionId: t.exposeID('submissionId'),
    version: t.exposeInt('version'),
    canonical: t.exposeString('canonical', {
      description: 'Chính xác các byte (UTF-8) được ký: JSON chuẩn hóa theo RFC 8785',
    }),
    digest: t.exposeString('digest', { description: 'SHA-256 của canonical, base64' }),
    digestHex: t.exposeString('digestHex', { description: 'SHA-256 của canonical, hex' }),
    pdfDigest: t.exposeString('pdfDigest', {
      nullable: true,
      description:
        'SHA-256 (base64) của các thuộc tính được ký của chữ ký bản PDF (PAdES); có khi gửi kèm chứng thư',
    }),
  }),
});

builder.prismaObjectFields('Submission', (t) => ({
  signature: t.field({
    type: SubmissionSignatureRef,
    nullable: true,
    description: 'Chữ ký số đang có hiệu lực của báo cáo (trống: chưa ký, hoặc đã bỏ duyệt)',
    resolve: async (s, _args, ctx) => (await loadSigning()).signatureView(ctx, s),
  }),
}));

const SignSubmissionInput = builder.inputType('SignSubmissionInput', {
  description:
    'Chữ ký của lãnh đạo cho bản đã duyệt: hoặc cms (CMS/PKCS#7 tách rời trên canonical), hoặc signature (chữ ký thô của digest) kèm certificates',
  fields: (t) => ({
    submissionId: t.id({ required: true }),
    version: t.int({ required: true, description: 'Phiên bản đã ký (như signingPayload trả)' }),
    form: t.field({ type: SigningFormEnum, required: true }),
    signerOffice: t.string({
      required: false,
      description: 'Chức danh người đứng đầu mà hình thức ký nhắc tới ("GIÁM ĐỐC")',
    }),
    signerTitle: t.string({ required: false, description: 'Chức vụ người ký ("PHÓ GIÁM ĐỐC")' }),
    cms: t.string({ required: false, description: 'DER base64 của ContentInfo(SignedData)' }),
    signature: t.string({ required: false, description: 'Chữ ký thô của digest, base64' }),
    certificates: t.stringList({
      required: false,
      description: 'Chuỗi chứng thư, chứng thư người ký trước (PEM hoặc DER base64)',
    }),
    pdfSignature: t.string({
      required: false,
      description: 'Chữ ký thô của pdfDigest (cùng khóa): tạo bản PDF đã ký số',
    }),
  }),
});

builder.queryFields((t) => ({
  signingPayload: t.field({
    type: SigningPayloadRef,
    authScopes: { role: 'APPROVER' },
    description:
      'Dữ liệu cần ký của bản đã duyệt; kèm certificates để có cả pdfDigest. Hình thức và chức danh phải giống khi gửi chữ ký.',
    args: {
      submissionId: t.arg.id({ required: true }),
      certificates: t.arg.stringList({ required: false }),
      form: t.arg({ type: SigningFormEnum, required: false }),
      signerOffice: t.arg.string({ required: false }),
      signerTitle: t.arg.string({ required: false }),
    },
    resolve: async (_root, args, ctx) =>
      (await loadSigning()).signingPayload(ctx, args.submissionId, args.certificates, {
        form: args.form,
        office: args.signerOffice,
        title: args.signerTitle,
      }),
  }),
}));

builder.mutationFields((t) => ({
  signSubmission: t.prismaField({
    type: 'Submission',
    authScopes: { role: 'APPROVER' },
    description:
      'Gửi chữ ký số của bản đã duyệt; máy chủ kiểm tra (mã băm, chữ ký, chuỗi chứng thư, thời hạn, mục đích, thu hồi) rồi lưu, hoặc từ chối kèm lý do',
    args: { input: t.arg({ type: SignSubmissionInput, required: true }) },
    resolve: async (_query, _root, { input }, ctx) =>
      (await loadSigning()).signSubmission(ctx, input),
  }),
}));
