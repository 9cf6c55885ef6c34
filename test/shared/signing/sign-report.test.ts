// The signer's side of signing, against a GraphQL double that answers like the server: the
// payload is asked with the chain and the signature block's lines, both digests are signed and
// sent back with the same lines, and the server's verdict is returned. A version other than the
// one read, or a digest that is not the text's, is refused before anything is signed.
import { constants, createHash, publicDecrypt, verify } from 'node:crypto';
import { openP12 } from '../../../shared/signing/p12.ts';
import { remoteSigner, type FetchLike } from '../../../shared/signing/remote.ts';
import {
  SIGNING_PAYLOAD,
  SIGN_SUBMISSION,
  signReport,
  type GraphqlCall,
} from '../../../shared/signing/sign-report.ts';
import { startRemoteSigningService } from '../../support/remote-signing-service.ts';
import { makeTestCa, type TestCa } from '../../support/test-ca.ts';
import type { Json } from '../../support/json.ts';

const canonical = JSON.stringify({
  agency: { code: 'NA.SYT', id: 'org-1', name: 'Sở Y tế tỉnh Nghệ An' },
  request: { id: 'req-1', title: 'Báo cáo chuyển đổi số tháng 3/2031' },
  version: 3,
});
const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest();
const pdfDigest = sha256('signed attributes of the PDF copy');

/** A server double: records the calls; `tamper` changes what it answers. */
function serverDouble(tamper: { version?: number; digest?: Buffer } = {}) {
  const calls: { query: string; variables: Json }[] = [];
  const gql: GraphqlCall = async (query, variables) => {
    calls.push({ query, variables });
    if (query === SIGNING_PAYLOAD) {
      return {
        signingPayload: {
          submissionId: variables.submissionId,
          version: tamper.version ?? 3,
          canonical,
          digest: (tamper.digest ?? sha256(canonical)).toString('base64'),
          pdfDigest: (variables.certificates as string[] | null)?.length
            ? pdfDigest.toString('base64')
            : null,
        },
      };
    }
    if (query === SIGN_SUBMISSION) {
      return {
        signSubmission: {
          id: 'sub-1',
          status: 'APPROVED',
          version: 3,
          signature: {
            valid: true,
            summary: 'Đã ký số bởi Nguyễn Văn An (KT. GIÁM ĐỐC – PHÓ GIÁM ĐỐC), hợp lệ',
            problem: null,
            signerName: 'Nguyễn Văn An',
            signedCopyUrl: '/files/submissions/sub-1/signed.pdf',
          },
        },
      };
    }
    throw new Error(`unexpected operation ${query.slice(0, 40)}`);
  };
  return { gql, calls };
}

describe('signReport', () => {
  let ca: TestCa;
  beforeAll(async () => {
    ca = await makeTestCa();
  });

  test('asks with the chain and lines, signs both digests, sends them with the same lines', async () => {
    const signer = openP12(ca.leaf.p12('x'), 'x');
    const { gql, calls } = serverDouble();
    const result = await signReport(gql, {
      submissionId: 'sub-1',
      version: 3,
      signer,
      form: 'KT',
      signerOffice: 'GIÁM ĐỐC',
      signerTitle: 'PHÓ GIÁM ĐỐC',
    });
    expect(result).toEqual({
      submissionId: 'sub-1',
      status: 'APPROVED',
      version: 3,
      valid: true,
      summary: 'Đã ký số bởi Nguyễn Văn An (KT. GIÁM ĐỐC – PHÓ GIÁM ĐỐC), hợp lệ',
      problem: null,
      signerName: 'Nguyễn Văn An',
      signedCopyUrl: '/files/submissions/sub-1/signed.pdf',
    });
    const chain = await signer.certificates();
    expect(calls[0]!.variables).toEqual({
      submissionId: 'sub-1',
      certificates: chain,
      form: 'KT',
      signerOffice: 'GIÁM ĐỐC',
      signerTitle: 'PHÓ GIÁM ĐỐC',
    });
    const input = calls[1]!.variables.input as Json;
    expect(input).toMatchObject({
      submissionId: 'sub-1',
      version: 3,
      form: 'KT',
      signerOffice: 'GIÁM ĐỐC',
      signerTitle: 'PHÓ GIÁM ĐỐC',
      certificates: chain,
    });
    expect(input).not.toHaveProperty('cms');
    // The raw signature is RSASSA-PKCS1-v1_5 over the canonical text itself.
    expect(
      verify(
        'sha256',
        Buffer.from(canonical),
        ca.leaf.certificatePem,
        Buffer.from(input.signature, 'base64'),
      ),
    ).toBe(true);
    const pdf = publicDecrypt(
      { key: ca.leaf.certificatePem, padding: constants.RSA_PKCS1_PADDING },
      Buffer.from(input.pdfSignature, 'base64'),
    );
    expect(pdf.subarray(-32)).toEqual(pdfDigest);
  });

  test('a remote service is told what it signs', async () => {
    const service = await startRemoteSigningService(ca.leaf);
    try {
      const { gql } = serverDouble();
      const fetchLike: FetchLike = (url, init) => fetch(url, init);
      await signReport(gql, {
        submissionId: 'sub-1',
        version: 3,
        signer: remoteSigner({ url: service.url, fetch: fetchLike }),
        form: 'DIRECT',
        signerTitle: 'Giám đốc',
      });
      const what = 'Ký số báo cáo “Báo cáo chuyển đổi số tháng 3/2031” của Sở Y tế tỉnh Nghệ An';
      expect(service.signed).toEqual([
        {
          digest: sha256(canonical).toString('hex'),
          hashAlgorithm: 'SHA-256',
          description: `${what}, phiên bản 3`,
        },
        {
          digest: pdfDigest.toString('hex'),
          hashAlgorithm: 'SHA-256',
          description: `${what}, phiên bản 3 — bản PDF`,
        },
      ]);
    } finally {
      await service.close();
    }
  });

  test('another version, or a digest not of the text: refused before signing', async () => {
    const signed: Uint8Array[] = [];
    const signer = openP12(ca.leaf.p12('x'), 'x');
    const watched = {
      certificates: () => signer.certificates(),
      signDigest: async (digest: Uint8Array) => (signed.push(digest), signer.signDigest(digest)),
    };
    const args = { submissionId: 'sub-1', version: 3, signer: watched, form: 'DIRECT' as const };

    const changed = serverDouble({ version: 4 });
    await expect(signReport(changed.gql, args)).rejects.toThrow(
      'Báo cáo đã thay đổi: nay là phiên bản 4, không phải bản 3 đã xem. Tải lại, xem lại rồi mới ký.',
    );
    expect(changed.calls).toHaveLength(1);

    const blind = serverDouble({ digest: sha256('something else') });
    await expect(signReport(blind.gql, args)).rejects.toThrow(
      'Mã băm máy chủ gửi không khớp với nội dung báo cáo; không ký.',
    );
    expect(blind.calls).toHaveLength(1);
    expect(signed).toEqual([]);
  });
});
