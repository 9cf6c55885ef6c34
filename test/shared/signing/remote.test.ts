// The remote signing adapter against the test service (test/support/remote-signing-service.ts):
// the chain comes back leaf first, a digest goes in with what it is about and its signature
// verifies with Node's crypto; the service's refusals, a missing authorization, a service that
// is down or answers outside the protocol are each said in Vietnamese, naming the service.
import { X509Certificate, createHash, verify } from 'node:crypto';
import { remoteSigner, type FetchLike } from '../../../shared/signing/remote.ts';
import {
  startRemoteSigningService,
  type RemoteSigningService,
} from '../../support/remote-signing-service.ts';
import { makeTestCa, type TestCa } from '../../support/test-ca.ts';

const fingerprints = (pems: string[]) => pems.map((pem) => new X509Certificate(pem).fingerprint256);
const nodeFetch: FetchLike = (url, init) => fetch(url, init);

describe('remote signing adapter', () => {
  let ca: TestCa;
  let service: RemoteSigningService;
  const content = new TextEncoder().encode('{"report":"UBND xã Hưng Nguyên"}');
  const digest = new Uint8Array(createHash('sha256').update(content).digest());

  beforeAll(async () => {
    ca = await makeTestCa();
    service = await startRemoteSigningService(ca.leaf, { authorization: 'Bearer khoa-thu' });
  });
  afterAll(() => service?.close());

  test('chain and signature of a digest, with the description shown to the holder', async () => {
    const signer = remoteSigner({
      url: `${service.url}/`,
      fetch: nodeFetch,
      authorization: 'Bearer khoa-thu',
    });
    expect(fingerprints(await signer.certificates())).toEqual(fingerprints(ca.leaf.chainPem));
    const signature = await signer.signDigest(digest, {
      description: 'Ký số báo cáo “Quý 3/2031” của Sở Y tế, phiên bản 3',
    });
    expect(verify('sha256', content, ca.leaf.certificatePem, signature)).toBe(true);
    expect(service.signed.at(-1)).toEqual({
      digest: Buffer.from(digest).toString('hex'),
      hashAlgorithm: 'SHA-256',
      description: 'Ký số báo cáo “Quý 3/2031” của Sở Y tế, phiên bản 3',
    });
  });

  test('refusals and failures, naming the service', async () => {
    const host = new URL(service.url).host;
    const anonymous = remoteSigner({ url: service.url, fetch: nodeFetch });
    await expect(anonymous.certificates()).rejects.toThrow(
      `Dịch vụ ký số ${host} từ chối (HTTP 401): Chưa xác thực với dịch vụ ký số.`,
    );

    const named = remoteSigner({
      url: service.url,
      fetch: nodeFetch,
      authorization: 'Bearer khoa-thu',
      name: 'SmartCA thử nghiệm',
    });
    service.refuseWith('Người ký đã từ chối trên điện thoại.');
    const before = service.signed.length;
    await expect(named.signDigest(digest)).rejects.toThrow(
      'Dịch vụ ký số SmartCA thử nghiệm từ chối (HTTP 403): Người ký đã từ chối trên điện thoại.',
    );
    service.refuseWith(null);
    expect(service.signed).toHaveLength(before);

    await expect(named.signDigest(new Uint8Array(31))).rejects.toThrow(
      'Mã băm SHA-256 phải dài 32 byte (nhận 31).',
    );

    // A service that is not there.
    const closed = await startRemoteSigningService(ca.leaf);
    await closed.close();
    const gone = remoteSigner({ url: closed.url, fetch: nodeFetch, name: 'VNPT SmartCA' });
    await expect(gone.certificates()).rejects.toThrow(
      /^Không kết nối được dịch vụ ký số VNPT SmartCA \(http:\/\/127\.0\.0\.1:\d+\/ky-so\/v1\): /,
    );
  });

  test('answers outside the protocol are refused; a chain in base64 DER is read', async () => {
    const answering =
      (status: number, body: string): FetchLike =>
      async () => ({ ok: status < 300, status, text: async () => body });
    const der = new X509Certificate(ca.leaf.certificatePem).raw.toString('base64');

    const base64Chain = remoteSigner({
      url: 'https://ky-so.example.vn/api',
      fetch: answering(200, JSON.stringify({ certificates: [der] })),
    });
    const [pem] = await base64Chain.certificates();
    expect(new X509Certificate(pem!).fingerprint256).toBe(
      new X509Certificate(ca.leaf.certificatePem).fingerprint256,
    );

    const cases: [FetchLike, 'certificates' | 'sign', string][] = [
      [
        answering(200, '<html>'),
        'certificates',
        'Dịch vụ ký số ky-so.example.vn trả lời không phải JSON.',
      ],
      [
        answering(200, '{"certificates":[]}'),
        'certificates',
        'Dịch vụ ký số ky-so.example.vn không trả về chuỗi chứng thư (certificates).',
      ],
      [
        answering(200, '{}'),
        'sign',
        'Dịch vụ ký số ky-so.example.vn không trả về chữ ký (signature).',
      ],
      [
        answering(200, '{"signature":"không phải base64"}'),
        'sign',
        'Chữ ký dịch vụ ký số ky-so.example.vn trả về không phải base64.',
      ],
      [
        answering(502, 'Bad Gateway'),
        'sign',
        'Dịch vụ ký số ky-so.example.vn từ chối (HTTP 502): Bad Gateway',
      ],
    ];
    for (const [fetchLike, call, message] of cases) {
      const signer = remoteSigner({ url: 'https://ky-so.example.vn/api', fetch: fetchLike });
      const attempt = call === 'sign' ? signer.signDigest(digest) : signer.certificates();
      await expect(attempt).rejects.toThrow(message);
    }
  });
});
