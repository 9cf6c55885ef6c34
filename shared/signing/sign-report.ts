// The signer's side of signing an approved report, the same in the pane and the CLI: ask the
// server what to sign for this version (with the chain, so it can prepare the PDF copy's
// signature too), check it is the version the leader read, sign both digests with whatever
// signing means was chosen, send the raw signatures and the chain, and give back the server's
// verdict. Nothing secret crosses: the key stays in the .p12 / the remote service.
import forge from 'node-forge';
import { base64ToBytes, bytesToBase64, bytesToBinary } from './base64.ts';
import type { DigestSigner } from './digest-signer.ts';
import type { SigningForm } from './forms.ts';

/** Runs a GraphQL operation and gives its `data`, throwing with the server's message on errors. */
export type GraphqlCall = (query: string, variables: Record<string, unknown>) => Promise<unknown>;

export interface SignReportArgs {
  submissionId: string;
  /** The version the leader read and approved: anything else is refused before signing. */
  version: number;
  signer: DigestSigner;
  form: SigningForm;
  /** The head's office the form names ("GIÁM ĐỐC" in "KT. GIÁM ĐỐC"); none for DIRECT. */
  signerOffice?: string | null;
  /** The signer's own office ("PHÓ GIÁM ĐỐC"). */
  signerTitle?: string | null;
}

export interface SignedResult {
  submissionId: string;
  status: string;
  version: number;
  valid: boolean;
  /** "Đã ký số bởi … , hợp lệ", as the Sở reads it. */
  summary: string;
  problem: string | null;
  signerName: string;
  signedCopyUrl: string | null;
}

export const SIGNING_PAYLOAD = `query SigningPayload(
  $submissionId: ID!
  $certificates: [String!]
  $form: SigningForm
  $signerOffice: String
  $signerTitle: String
) {
  signingPayload(
    submissionId: $submissionId
    certificates: $certificates
    form: $form
    signerOffice: $signerOffice
    signerTitle: $signerTitle
  ) {
    submissionId
    version
    canonical
    digest
    pdfDigest
  }
}`;

export const SIGN_SUBMISSION = `mutation SignSubmission($input: SignSubmissionInput!) {
  signSubmission(input: $input) {
    id
    status
    version
    signature {
      valid
      summary
      problem
      signerName
      signedCopyUrl
    }
  }
}`;

interface Payload {
  version: number;
  canonical: string;
  digest: string;
  pdfDigest: string | null;
}

export async function signReport(gql: GraphqlCall, args: SignReportArgs): Promise<SignedResult> {
  const certificates = await args.signer.certificates();
  const lines = {
    form: args.form,
    signerOffice: args.signerOffice || null,
    signerTitle: args.signerTitle || null,
  };
  const payload = payloadOf(
    await gql(SIGNING_PAYLOAD, { submissionId: args.submissionId, certificates, ...lines }),
  );
  if (payload.version !== args.version) {
    throw new Error(
      `Báo cáo đã thay đổi: nay là phiên bản ${payload.version}, không phải bản ${args.version} đã xem. Tải lại, xem lại rồi mới ký.`,
    );
  }
  const digest = base64ToBytes(payload.digest);
  // The digest must be that of the text the server says is signed: a signer's device should
  // never sign a hash it was handed blind.
  const computed = forge.md.sha256.create().update(forge.util.encodeUtf8(payload.canonical));
  if (computed.digest().getBytes() !== bytesToBinary(digest)) {
    throw new Error('Mã băm máy chủ gửi không khớp với nội dung báo cáo; không ký.');
  }
  const description = describe(payload);
  const signature = await args.signer.signDigest(digest, { description });
  const pdfSignature = payload.pdfDigest
    ? await args.signer.signDigest(base64ToBytes(payload.pdfDigest), {
        description: `${description} — bản PDF`,
      })
    : null;
  const signed = await gql(SIGN_SUBMISSION, {
    input: {
      submissionId: args.submissionId,
      version: args.version,
      ...lines,
      signature: bytesToBase64(signature),
      certificates,
      pdfSignature: pdfSignature ? bytesToBase64(pdfSignature) : null,
    },
  });
  return resultOf(signed);
}

function payloadOf(data: unknown): Payload {
  const p = (data as { signingPayload?: Partial<Payload> } | null)?.signingPayload;
  if (
    !p ||
    typeof p.version !== 'number' ||
    typeof p.digest !== 'string' ||
    typeof p.canonical !== 'string'
  ) {
    throw new Error('Máy chủ không trả về dữ liệu cần ký (signingPayload).');
  }
  return {
    version: p.version,
    canonical: p.canonical,
    digest: p.digest,
    pdfDigest: p.pdfDigest ?? null,
  };
}

/** "Ký số báo cáo “…” của Sở Y tế, phiên bản 3", from the canonical report itself. */
function describe(payload: Payload): string {
  let title = '';
  let agency = '';
  try {
    const report = JSON.parse(payload.canonical) as {
      request?: { title?: unknown };
      agency?: { name?: unknown };
    };
    title = typeof report.request?.title === 'string' ? report.request.title : '';
    agency = typeof report.agency?.name === 'string' ? report.agency.name : '';
  } catch {
    // A description is a courtesy; the digest is what counts.
  }
  const what = ['Ký số báo cáo', title && `“${title}”`, agency && `của ${agency}`];
  return `${what.filter(Boolean).join(' ')}, phiên bản ${payload.version}`;
}

function resultOf(data: unknown): SignedResult {
  const s = (
    data as {
      signSubmission?: {
        id: string;
        status: string;
        version: number;
        signature: Omit<SignedResult, 'submissionId' | 'status' | 'version'> | null;
      };
    } | null
  )?.signSubmission;
  if (!s) throw new Error('Máy chủ không trả lời việc ký (signSubmission).');
  if (!s.signature) throw new Error('Máy chủ nhận chữ ký nhưng báo cáo không có chữ ký nào.');
  return {
    submissionId: s.id,
    status: s.status,
    version: s.version,
    valid: s.signature.valid,
    summary: s.signature.summary,
    problem: s.signature.problem ?? null,
    signerName: s.signature.signerName,
    signedCopyUrl: s.signature.signedCopyUrl ?? null,
  };
}
