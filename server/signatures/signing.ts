// The leader's digital signature of an approved version. The server never holds a key: it gives
// the exact bytes to sign (the canonical report, canonical.ts) and, for the PDF copy, the digest
// of its signed attributes (pades.ts); it takes back a detached CMS, or a raw signature with the
// certificate chain (then it builds the CMS), verifies it against the configured trust anchors and
// CRLs (verify.ts), and keeps it. Every read checks the signature again against the values stored
// now, so a value changed behind the product's back shows as "không hợp lệ".
import { createHash } from 'node:crypto';
import type { Submission, SubmissionSignature } from '../../generated/prisma/client.ts';
import { SIGNING_FORMS, signingLine, type SigningForm } from '../../shared/signing/forms.ts';
import { formatVietnamTime } from '../../shared/time/vietnam.ts';
import { canApprove, canReadSubmission } from '../auth/access.ts';
import { recordAudit } from '../audit/audit.ts';
import type { Context } from '../graphql/context.ts';
import { badInput, conflict, forbidden, notFound, unauthenticated } from '../graphql/errors.ts';
import { openSheet } from '../sheets/sheet.ts';
import {
  findForApproval,
  transitionOrRefuse,
  type FoundSubmission,
} from '../submissions/approval.ts';
import { snapshotOf } from '../submissions/store.ts';
import { canonicalReport, type ReportForSigning } from './canonical.ts';
import { parseCertificates } from './cms.ts';
import { embedPdfSignature, pdfSignedAttributes, preparePdf, type PreparedPdf } from './pades.ts';
import { renderReportPdf, type ReportPdfInput } from './report-pdf.ts';
import { loadTrustStore, type TrustPaths } from './trust.ts';
import { verifyDetachedCms, verifyRawSignature, type Verification } from './verify.ts';

/** Base64 of at most this many bytes: a CMS with a long chain is a few kB; a PDF signature too. */
const MAX_SIGNATURE_BYTES = 64 * 1024;
const MAX_CERTIFICATES = 10;

export interface SigningPayload {
  submissionId: string;
  version: number;
  canonical: string;
  digest: string;
  digestHex: string;
  pdfDigest: string | null;
}

interface SignedReport {
  found: FoundSubmission;
  forSigning: ReportForSigning;
  pdfInput: (signer: ReportPdfInput['signer'], signedAt: Date) => ReportPdfInput;
}

/** The report as it is stored now, in the form that is signed, and the PDF copy's content. */
async function signedReportOf(ctx: Context, found: FoundSubmission): Promise<SignedReport> {
  const { submission } = found;
  if (!submission.approvedAt) throw conflict('Báo cáo chưa được duyệt; chỉ ký bản đã duyệt.');
  const opened = await openSheet(ctx, submission.requestId, submission.orgId);
  const [request, parent] = await Promise.all([
    ctx.prisma.reportRequest.findUniqueOrThrow({
      where: { id: submission.requestId },
      select: { period: true },
    }),
    opened.org.parentId
      ? ctx.prisma.org.findUnique({ where: { id: opened.org.parentId }, select: { name: true } })
      : null,
  ]);
  const snapshot = snapshotOf(opened.sheet) as {
    tables: ReportForSigning['tables'];
    answers: Record<string, string>;
  };
  const approvedAt = submission.approvedAt;
  const forSigning: ReportForSigning = {
    request: { id: opened.request.id, title: opened.request.title },
    agency: {
      id: opened.org.id,
      name: opened.org.name,
      code: opened.org.adminCode ?? opened.org.code,
    },
    period: {
      kind: request.period.kind,
      label: request.period.label,
      start: request.period.start.toISOString().slice(0, 10),
      end: request.period.end.toISOString().slice(0, 10),
    },
    template: {
      id: opened.template.id,
      code: opened.template.code,
      version: opened.template.version,
    },
    version: submission.version,
    approvedAt: approvedAt.toISOString(),
    tables: snapshot.tables,
    answers: snapshot.answers,
  };
  const pdfInput = (signer: ReportPdfInput['signer'], signedAt: Date): ReportPdfInput => ({
    agencyName: opened.org.name,
    parentName: parent?.name ?? null,
    requestTitle: opened.request.title,
    periodLabel: opened.request.periodLabel,
    version: submission.version,
    approvedAt,
    signedAt,
    tables: opened.sheet.tables.map((t) => {
      const columns = t.columns.map((c) => ({ key: c.key, title: c.label }));
      return {
        title: t.title,
        columns,
        rows: t.rows.map((r) => ({
          label: r.label,
          cells: Object.fromEntries(
            r.cells.filter((c) => c.value !== null).map((c) => [c.columnKey, c.value as string]),
          ),
        })),
      };
    }),
    answers: opened.sheet.outline
      .filter((s) => s.answer)
      .map((s) => ({ title: [s.number, s.heading].filter(Boolean).join(' '), text: s.answer! })),
    signer,
  });
  return { found, forSigning, pdfInput };
}

function trustOf(ctx: Context) {
  return loadTrustStore(ctx.signing?.trust ?? { anchors: [], crls: [] });
}

export type { TrustPaths };

interface SignerLines {
  form: SigningForm;
  office: string | null;
  title: string | null;
}

/** The PDF copy waiting for a signature, the same bytes every time for the same approval. */
async function preparedCopy(
  report: SignedReport,
  lines: SignerLines,
  name: string,
): Promise<PreparedPdf> {
  const signedAt = report.found.submission.approvedAt!;
  const prefix = SIGNING_FORMS.find((f) => f.code === lines.form)?.prefix ?? '';
  const input = report.pdfInput(
    { prefix, office: lines.office ?? '', title: lines.title, name },
    signedAt,
  );
  return preparePdf(await renderReportPdf(input), {
    signedAt,
    reason: 'Ký số báo cáo đã duyệt',
    name,
    location: input.agencyName,
  });
}

async function approverReport(ctx: Context, submissionId: string): Promise<SignedReport> {
  const found = await findForApproval(ctx, submissionId);
  if (!canApprove(ctx.viewer, found.orgPath)) {
    throw forbidden('Chỉ lãnh đạo của đơn vị mới ký số báo cáo này.');
  }
  transitionOrRefuse(found, 'sign');
  return signedReportOf(ctx, found);
}

function certificatesOrRefuse(list: readonly string[]) {
  if (list.length > MAX_CERTIFICATES) {
    throw badInput(`Chuỗi chứng thư quá dài (tối đa ${MAX_CERTIFICATES} chứng thư).`);
  }
  try {
    return parseCertificates([...list]);
  } catch (error) {
    throw badInput((error as Error).message);
  }
}

/** What the signer's device signs for the current approved version. */
export async function signingPayload(
  ctx: Context,
  submissionId: string,
  certificates: readonly string[] | null | undefined,
  lines: { form?: SigningForm | null; office?: string | null; title?: string | null },
): Promise<SigningPayload> {
  const report = await approverReport(ctx, submissionId);
  const { text, digest } = canonicalReport(report.forSigning);
  let pdfDigest: string | null = null;
  if (certificates?.length) {
    const chain = certificatesOrRefuse(certificates);
    const prepared = await preparedCopy(report, signerLines(lines), leafName(chain));
    pdfDigest = pdfSignedAttributes(prepared, chain).digest.toString('base64');
  }
  return {
    submissionId,
    version: report.found.submission.version,
    canonical: text,
    digest: digest.toString('base64'),
    digestHex: digest.toString('hex'),
    pdfDigest,
  };
}

function signerLines(lines: {
  form?: SigningForm | null;
  office?: string | null;
  title?: string | null;
}): SignerLines {
  const form = lines.form ?? 'DIRECT';
  if (!SIGNING_FORMS.some((f) => f.code === form)) throw badInput('Hình thức ký không có.');
  return {
    form,
    office: upperLine(lines.office, 'Chức danh'),
    title: upperLine(lines.title, 'Chức vụ'),
  };
}

function leafName(chain: ReturnType<typeof parseCertificates>): string {
  const cn = chain[0]?.subject.typesAndValues.find((t) => t.type === '2.5.4.3');
  return cn ? String(cn.value.valueBlock.value) : 'Người ký';
}

export interface SignInput {
  submissionId: string;
  version: number;
  form: SigningForm;
  signerOffice?: string | null;
  signerTitle?: string | null;
  cms?: string | null;
  signature?: string | null;
  certificates?: string[] | null;
  pdfSignature?: string | null;
}

function bytesOf(base64: string, what: string): Uint8Array {
  const clean = base64.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean) || clean.length % 4 !== 0 || !clean) {
    throw badInput(`${what} phải là chuỗi base64.`);
  }
  const bytes = Buffer.from(clean, 'base64');
  if (bytes.length > MAX_SIGNATURE_BYTES) {
    throw badInput(`${what} quá lớn (tối đa ${MAX_SIGNATURE_BYTES / 1024} kB).`);
  }
  return bytes;
}

/** A line of the signature block, in capitals as Nghị định 30/2020 writes it. */
function upperLine(text: string | null | undefined, what: string): string | null {
  const t = (text ?? '').normalize('NFC').trim().replace(/\s+/g, ' ').toLocaleUpperCase('vi');
  if (t.length > 200) throw badInput(`${what} người ký dài quá 200 ký tự.`);
  return t || null;
}

/**
 * Verifies and keeps the leader's signature of the approved version; refused — nothing kept —
 * with the verifier's reason when it does not hold.
 */
export async function signSubmission(ctx: Context, input: SignInput): Promise<Submission> {
  const viewer = ctx.viewer;
  if (!viewer) throw unauthenticated();
  const lines = signerLines({
    form: input.form,
    office: input.signerOffice,
    title: input.signerTitle,
  });
  const report = await approverReport(ctx, input.submissionId);
  const { submission } = report.found;
  if (submission.version !== input.version) {
    throw conflict(
      `Báo cáo đang ở phiên bản ${submission.version}, không phải bản ${input.version} đã ký; tải lại rồi ký lại.`,
    );
  }
  if (Boolean(input.cms) === Boolean(input.signature)) {
    throw badInput('Gửi một trong hai: cms (CMS/PKCS#7 tách rời) hoặc signature kèm certificates.');
  }
  const { bytes, digest } = canonicalReport(report.forSigning);
  const at = new Date();
  const trust = trustOf(ctx);
  let verification: Verification;
  if (input.cms) {
    verification = await verifyDetachedCms({
      content: bytes,
      cms: bytesOf(input.cms, 'cms'),
      at,
      trust,
    });
  } else {
    const certificates = input.certificates ?? [];
    if (!certificates.length) throw badInput('Thiếu chuỗi chứng thư (certificates) của người ký.');
    certificatesOrRefuse(certificates);
    verification = await verifyRawSignature({
      content: bytes,
      signature: bytesOf(input.signature!, 'signature'),
      certificates,
      at,
      trust,
    });
  }
  if (!verification.valid) {
    throw badInput(verification.message, { problem: verification.problem });
  }
  let pdf: Buffer | null = null;
  if (input.pdfSignature) {
    if (!input.certificates?.length) {
      throw badInput('Chữ ký bản PDF cần kèm chuỗi chứng thư (certificates).');
    }
    const chain = certificatesOrRefuse(input.certificates);
    const prepared = await preparedCopy(report, lines, leafName(chain));
    const pdfSignature = bytesOf(input.pdfSignature, 'pdfSignature');
    try {
      pdf = await embedPdfSignature(prepared, chain, pdfSignature);
    } catch (error) {
      // The PDF library's own words say which part of the signature did not fit the copy.
      throw badInput(`Không gắn được chữ ký vào bản PDF: ${(error as Error).message}`);
    }
  }
  const signer = verification.signer;
  await ctx.prisma.$transaction(async (tx) => {
    const still = await tx.submission.count({
      where: { id: submission.id, version: submission.version, status: 'APPROVED' },
    });
    if (still !== 1) throw conflict('Báo cáo vừa thay đổi; tải lại rồi ký lại.');
    await tx.submissionSignature.updateMany({
      where: { submissionId: submission.id, supersededAt: null },
      data: { supersededAt: at },
    });
    await tx.submissionSignature.create({
      data: {
        submissionId: submission.id,
        version: submission.version,
        form: lines.form,
        signerOffice: lines.office,
        signerTitle: lines.title,
        digest: digest.toString('hex'),
        cms: Buffer.from(verification.cms),
        chainPem: verification.chainPem,
        signerName: signer.name,
        serialNumber: signer.serialNumber,
        issuer: signer.issuer,
        signedAt: at,
        pdf: pdf ? new Uint8Array(pdf) : null,
        createdById: viewer.userId,
      },
    });
    await recordAudit(tx, ctx, {
      action: 'submission.sign',
      entityType: 'Submission',
      entityId: submission.id,
      beforeVersion: submission.version,
      afterVersion: submission.version,
      details: {
        role: 'APPROVER',
        form: lines.form,
        signerOffice: lines.office,
        signerTitle: lines.title,
        signerName: signer.name,
        serialNumber: signer.serialNumber,
        issuer: signer.issuer,
        digest: digest.toString('hex'),
        signedCopy: Boolean(pdf),
      },
    });
  });
  return ctx.prisma.submission.findUniqueOrThrow({ where: { id: submission.id } });
}

export interface SignatureView {
  submissionId: string;
  version: number;
  form: SigningForm;
  signerOffice: string | null;
  signerTitle: string | null;
  signerName: string;
  serialNumber: string;
  issuer: string;
  signedAt: Date;
  valid: boolean;
  problem: string | null;
  summary: string;
  hasSignedCopy: boolean;
}

const standing = (submissionId: string) => ({
  where: { submissionId, supersededAt: null },
  orderBy: { signedAt: 'desc' as const },
});

/**
 * The signature that stands for the report, checked now: against the values stored now (a
 * change makes the digest differ), and the chain as of the signing time with today's CRLs.
 */
export async function signatureView(
  ctx: Context,
  submission: Submission,
): Promise<SignatureView | null> {
  const stored = await ctx.prisma.submissionSignature.findFirst(standing(submission.id));
  if (!stored) return null;
  const found = await findForApproval(ctx, submission.id);
  return checkStored(ctx, found, stored);
}

async function checkStored(
  ctx: Context,
  found: FoundSubmission,
  stored: SubmissionSignature,
): Promise<SignatureView> {
  const report = await signedReportOf(ctx, found);
  const { bytes } = canonicalReport(report.forSigning);
  let verification: Verification;
  try {
    verification =
      stored.version !== found.submission.version
        ? {
            valid: false,
            problem: 'DIGEST_MISMATCH',
            message: `Chữ ký là của phiên bản ${stored.version}, báo cáo nay ở phiên bản ${found.submission.version}.`,
          }
        : await verifyDetachedCms({
            content: bytes,
            cms: stored.cms,
            at: stored.signedAt,
            trust: trustOf(ctx),
          });
  } catch (error) {
    verification = { valid: false, problem: 'NO_TRUST_ANCHORS', message: (error as Error).message };
  }
  const who = signingLine(stored.form, stored.signerOffice, stored.signerTitle).join(' – ');
  const by = who ? `${stored.signerName} (${who})` : stored.signerName;
  const when = formatVietnamTime(stored.signedAt);
  return {
    submissionId: stored.submissionId,
    version: stored.version,
    form: stored.form,
    signerOffice: stored.signerOffice,
    signerTitle: stored.signerTitle,
    signerName: stored.signerName,
    serialNumber: stored.serialNumber,
    issuer: stored.issuer,
    signedAt: stored.signedAt,
    valid: verification.valid,
    problem: verification.valid ? null : verification.message,
    summary: verification.valid
      ? `Đã ký số bởi ${by} lúc ${when}, hợp lệ`
      : `Chữ ký số của ${by} không hợp lệ: ${verification.message}`,
    hasSignedCopy: stored.pdf !== null,
  };
}

/** Why the approved report cannot go without its signature (null: a valid one stands). */
export async function signatureProblem(
  ctx: Context,
  found: FoundSubmission,
): Promise<string | null> {
  const stored = await ctx.prisma.submissionSignature.findFirst(standing(found.submission.id));
  if (!stored) return 'Yêu cầu này cần chữ ký số của lãnh đạo; ký số bản đã duyệt rồi gửi.';
  const view = await checkStored(ctx, found, stored);
  return view.valid ? null : view.summary;
}

/** The signed PDF copy, for those who may read the report. */
export async function signedCopy(
  ctx: Context,
  submissionId: string,
): Promise<{ pdf: Buffer; fileName: string } | null> {
  const viewer = ctx.viewer;
  if (!viewer) throw unauthenticated();
  const submission = await ctx.prisma.submission.findUnique({
    where: { id: submissionId },
    include: { org: { select: { path: true, code: true } } },
  });
  if (
    !submission ||
    !canReadSubmission(viewer, { orgPath: submission.org.path, status: submission.status })
  ) {
    throw notFound(`báo cáo ${submissionId}`);
  }
  const stored = await ctx.prisma.submissionSignature.findFirst({
    ...standing(submissionId),
    where: { submissionId, supersededAt: null, pdf: { not: null } },
  });
  if (!stored?.pdf) return null;
  const digest = createHash('sha256').update(stored.pdf).digest('hex').slice(0, 8);
  return {
    pdf: Buffer.from(stored.pdf),
    fileName: `bao-cao-${submission.org.code}-v${stored.version}-${digest}.pdf`,
  };
}
