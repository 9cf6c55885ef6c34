// Checks a leader's signature of a report, the way a Sở must be able to trust it: the CMS reads,
// its digest is the report's, the signature is the certificate's key's, the certificate chains to
// a configured trust anchor, every certificate of the chain was valid when it was signed, the
// leaf is meant for signing, and none is revoked by a configured CRL. Each failure has its own
// problem code and a Vietnamese message that names the certificate and the dates.
import { constants, createHash, createPublicKey, publicDecrypt, verify } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { formatVietnamDay } from '../../shared/time/vietnam.ts';
import {
  buildSignedData,
  certificateDer,
  certificatesOf,
  certificateToPem,
  DIGEST_NAMES,
  ecCoordinateBytes,
  ecdsaSignatureDer,
  issuerName,
  keyKind,
  OID,
  parseCertificates,
  parseSignedData,
  publicKeyOf,
  serialHex,
  subjectName,
} from './cms.ts';
import type { TrustStore } from './trust.ts';

export type SignatureProblem =
  | 'MALFORMED'
  | 'NO_TRUST_ANCHORS'
  | 'DIGEST_MISMATCH'
  | 'BAD_SIGNATURE'
  | 'UNTRUSTED'
  | 'NOT_YET_VALID'
  | 'EXPIRED'
  | 'KEY_USAGE'
  | 'REVOKED';

export interface SignerInfo {
  name: string;
  serialNumber: string;
  issuer: string;
  notBefore: Date;
  notAfter: Date;
}

export type Verification =
  | { valid: true; signer: SignerInfo; cms: Uint8Array; chainPem: string }
  | { valid: false; problem: SignatureProblem; message: string; signer?: SignerInfo };

/** A chain longer than this is refused rather than followed. */
const MAX_CHAIN = 8;

const DIGEST_MISMATCH_MESSAGE =
  'Chữ ký không khớp với nội dung báo cáo (mã băm khác): báo cáo đã thay đổi sau khi ký';

type Refusal = Extract<Verification, { valid: false }>;

const refuse = (problem: SignatureProblem, message: string, signer?: SignerInfo): Refusal =>
  signer ? { valid: false, problem, message, signer } : { valid: false, problem, message };

function signerOf(cert: pkijs.Certificate): SignerInfo {
  return {
    name: subjectName(cert),
    serialNumber: serialHex(cert),
    issuer: issuerName(cert),
    notBefore: cert.notBefore.value,
    notAfter: cert.notAfter.value,
  };
}

const bytesEqual = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
const sameCertificate = (a: pkijs.Certificate, b: pkijs.Certificate) =>
  bytesEqual(certificateDer(a), certificateDer(b));
const sameSerial = (a: asn1js.Integer, b: asn1js.Integer) =>
  bytesEqual(a.valueBlock.valueHexView, b.valueBlock.valueHexView);

/** The value of an extension, decoded, or undefined when the certificate lacks it. */
function extensionValue(cert: pkijs.Certificate, oid: string): asn1js.AsnType | undefined {
  const ext = cert.extensions?.find((e) => e.extnID === oid);
  if (!ext) return undefined;
  const asn1 = asn1js.fromBER(ext.extnValue.valueBlock.valueHexView);
  return asn1.offset === -1 ? undefined : asn1.result;
}

function subjectKeyId(cert: pkijs.Certificate): Uint8Array | null {
  const value = extensionValue(cert, OID.subjectKeyIdentifier);
  return value instanceof asn1js.OctetString ? value.valueBlock.valueHexView : null;
}

function authorityKeyId(cert: pkijs.Certificate): Uint8Array | null {
  const value = extensionValue(cert, OID.authorityKeyIdentifier);
  if (!(value instanceof asn1js.Sequence)) return null;
  // keyIdentifier [0] IMPLICIT OCTET STRING
  const id = value.valueBlock.value.find(
    (v) => v.idBlock.tagClass === 3 && v.idBlock.tagNumber === 0,
  );
  return id ? (id.valueBlock as unknown as { valueHexView: Uint8Array }).valueHexView : null;
}

/** Whether the certificate may issue others: basicConstraints cA. */
function isCa(cert: pkijs.Certificate): boolean {
  const value = extensionValue(cert, OID.basicConstraints);
  if (!value) return false;
  try {
    return new pkijs.BasicConstraints({ schema: value }).cA === true;
  } catch {
    return false;
  }
}

/** keyUsage bits, or null when the certificate sets none (then it is not restricted). */
function keyUsageByte(cert: pkijs.Certificate): number | null {
  const value = extensionValue(cert, OID.keyUsage);
  if (!(value instanceof asn1js.BitString)) return null;
  return value.valueBlock.valueHexView[0] ?? 0;
}
const DIGITAL_SIGNATURE = 0x80;

/** The certificate the SignerInfo names (by issuer and serial, or by subject key identifier). */
function signerCertificate(
  signerInfo: pkijs.SignerInfo,
  certificates: pkijs.Certificate[],
): pkijs.Certificate | undefined {
  const sid: unknown = signerInfo.sid;
  if (sid instanceof pkijs.IssuerAndSerialNumber) {
    return certificates.find(
      (c) => c.issuer.isEqual(sid.issuer) && sameSerial(c.serialNumber, sid.serialNumber),
    );
  }
  const keyId = (sid as { valueBlock?: { valueHexView?: Uint8Array } }).valueBlock?.valueHexView;
  if (!keyId) return undefined;
  return certificates.find((c) => {
    const ski = subjectKeyId(c);
    return ski !== null && bytesEqual(ski, keyId);
  });
}

/** Whether `signature` over `data` is the certificate's key's (RSA PKCS#1 v1.5 or ECDSA). */
function signatureHolds(
  cert: pkijs.Certificate,
  data: Uint8Array,
  signature: Uint8Array,
  digest: string,
): boolean {
  try {
    const key = createPublicKey(publicKeyOf(cert));
    if (keyKind(cert) === 'RSA') {
      return verify(digest, data, { key, padding: constants.RSA_PKCS1_PADDING }, signature);
    }
    // ECDSA in CMS is DER; some tools put r‖s there: accepted the same.
    const der = ecdsaSignatureDer(signature, ecCoordinateBytes(cert) ?? 32);
    return verify(digest, data, { key, dsaEncoding: 'der' }, der);
  } catch {
    return false;
  }
}

/**
 * For an RSA signature without signed attributes, whether it was made by this key at all (over
 * some other content): then a failed check means the content changed, not a foreign signature.
 */
function rsaSignatureIsThisKeys(cert: pkijs.Certificate, signature: Uint8Array): boolean {
  try {
    publicDecrypt({ ...publicKeyOf(cert), padding: constants.RSA_PKCS1_PADDING }, signature);
    return true;
  } catch {
    return false;
  }
}

const RSA_SIGNATURE_OIDS = new Set<string>([
  OID.rsaEncryption,
  OID.sha256WithRSA,
  OID.sha384WithRSA,
  OID.sha512WithRSA,
]);
const EC_SIGNATURE_OIDS = new Set<string>([
  OID.ecPublicKey,
  OID.ecdsaWithSHA256,
  OID.ecdsaWithSHA384,
  OID.ecdsaWithSHA512,
]);

/** The issuer of `cert` among `candidates`: by name, key identifier, then its signature. */
async function issuerAmong(
  cert: pkijs.Certificate,
  candidates: readonly pkijs.Certificate[],
): Promise<pkijs.Certificate | undefined> {
  const aki = authorityKeyId(cert);
  for (const candidate of candidates) {
    if (!candidate.subject.isEqual(cert.issuer)) continue;
    const ski = subjectKeyId(candidate);
    if (aki && ski && !bytesEqual(aki, ski)) continue;
    try {
      if (await cert.verify(candidate)) return candidate;
    } catch {
      // An algorithm pkijs cannot check: not this issuer, as far as we can tell.
    }
  }
  return undefined;
}

interface BuiltChain {
  /** Leaf first, then the intermediates, without the anchor. */
  path: pkijs.Certificate[];
  anchor: pkijs.Certificate;
}

/** A path from the leaf through the CMS's certificates to a trust anchor, or why there is none. */
async function buildChain(
  leaf: pkijs.Certificate,
  pool: readonly pkijs.Certificate[],
  anchors: readonly pkijs.Certificate[],
): Promise<BuiltChain | string> {
  const trusted = anchors.find((a) => sameCertificate(a, leaf));
  if (trusted) return { path: [leaf], anchor: trusted };
  const path = [leaf];
  for (let current = leaf; path.length <= MAX_CHAIN;) {
    const anchor = await issuerAmong(current, anchors);
    if (anchor) return { path, anchor };
    const rest = pool.filter((c) => !path.some((p) => sameCertificate(p, c)));
    const next = await issuerAmong(current, rest);
    if (!next) return `nhà cung cấp: ${issuerName(current)}`;
    if (!isCa(next)) return `${subjectName(next)} không phải chứng thư của tổ chức chứng thực`;
    if (next.subject.isEqual(next.issuer)) return `chứng thư gốc ${subjectName(next)}`;
    path.push(next);
    current = next;
  }
  return 'chuỗi chứng thư quá dài';
}

/** pkijs' RFC 5280 path validation over our chain (policies, name and length constraints). */
async function pkijsAccepts(chain: BuiltChain, at: Date): Promise<string | null> {
  if (chain.path[0] === chain.anchor) return null; // the leaf itself is trusted
  const engine = new pkijs.CertificateChainValidationEngine({
    trustedCerts: [chain.anchor],
    certs: [...chain.path],
    checkDate: at,
  });
  try {
    // Revocation is checked by us against the configured CRLs, before this.
    const result = await engine.verify({ passedWhenNotRevValues: true });
    return result.result ? null : result.resultMessage || 'đường dẫn chứng thư không hợp lệ';
  } catch (error) {
    return (error as Error).message || 'đường dẫn chứng thư không hợp lệ';
  }
}

const day = (d: Date) => formatVietnamDay(d);

/** "Chứng thư số của Nguyễn Văn An" or, for a CA in its chain, the CA's certificate. */
function whose(cert: pkijs.Certificate, leaf: pkijs.Certificate): string {
  return cert === leaf
    ? `Chứng thư số của ${subjectName(cert)}`
    : `Chứng thư của tổ chức chứng thực ${subjectName(cert)} (trong chuỗi của ${subjectName(leaf)})`;
}

function datesProblem(chain: BuiltChain, at: Date): Refusal | null {
  const leaf = chain.path[0]!;
  const signer = signerOf(leaf);
  for (const cert of [...chain.path, chain.anchor]) {
    if (at < cert.notBefore.value) {
      return refuse(
        'NOT_YET_VALID',
        `${whose(cert, leaf)} chưa có hiệu lực lúc ký ngày ${day(at)}: hiệu lực từ ngày ${day(cert.notBefore.value)}.`,
        signer,
      );
    }
    if (at > cert.notAfter.value) {
      return refuse(
        'EXPIRED',
        `${whose(cert, leaf)} đã hết hạn ngày ${day(cert.notAfter.value)}, trước lúc ký ngày ${day(at)}.`,
        signer,
      );
    }
  }
  return null;
}

async function revocationProblem(
  chain: BuiltChain,
  crls: readonly pkijs.CertificateRevocationList[],
  at: Date,
): Promise<Refusal | null> {
  const leaf = chain.path[0]!;
  for (const [i, cert] of chain.path.entries()) {
    const issuer = chain.path[i + 1] ?? chain.anchor;
    for (const crl of crls) {
      if (!crl.issuer.isEqual(cert.issuer)) continue;
      const entry = crl.revokedCertificates?.find((r) =>
        sameSerial(r.userCertificate, cert.serialNumber),
      );
      if (!entry) continue;
      // Only a CRL its issuer really signed counts; a forged or foreign one is no evidence.
      const genuine = await crl.verify({ issuerCertificate: issuer }).catch(() => false);
      if (!genuine) continue;
      const revokedAt = entry.revocationDate.value;
      // Revoked after the signature was made: the signature made before stays good.
      if (revokedAt > at) continue;
      return refuse(
        'REVOKED',
        `${whose(cert, leaf)} đã bị thu hồi ngày ${day(revokedAt)}, trước lúc ký ngày ${day(at)}.`,
        signerOf(leaf),
      );
    }
  }
  return null;
}

/** The content the CMS carries itself, when it is not detached. */
function encapsulated(signedData: pkijs.SignedData): Uint8Array | null {
  const eContent = signedData.encapContentInfo.eContent;
  return eContent ? new Uint8Array(eContent.getValue()) : null;
}

/**
 * Checks a detached CMS SignedData (DER) over `content`, as of `at` (the signing time the server
 * records), against the trust store. The first problem found is returned.
 */
export async function verifyDetachedCms(i: {
  content: Uint8Array;
  cms: Uint8Array;
  at: Date;
  trust: TrustStore;
}): Promise<Verification> {
  try {
    return await checkCms(i);
  } catch (error) {
    // Whatever the checks above did not foresee in a hostile or odd CMS is still a refusal.
    return refuse('MALFORMED', `Chữ ký không kiểm tra được: ${(error as Error).message}`);
  }
}

async function checkCms(i: {
  content: Uint8Array;
  cms: Uint8Array;
  at: Date;
  trust: TrustStore;
}): Promise<Verification> {
  let signedData: pkijs.SignedData;
  try {
    signedData = parseSignedData(i.cms);
  } catch (error) {
    return refuse('MALFORMED', (error as Error).message);
  }
  const [signerInfo, ...others] = signedData.signerInfos;
  if (!signerInfo)
    return refuse('MALFORMED', 'Chữ ký CMS không có thông tin người ký (SignerInfo).');
  if (others.length) {
    return refuse(
      'MALFORMED',
      'Chữ ký CMS có nhiều người ký; báo cáo chỉ nhận chữ ký của một người.',
    );
  }
  const certificates = certificatesOf(signedData);
  const leaf = signerCertificate(signerInfo, certificates);
  if (!leaf) {
    return refuse('MALFORMED', 'Chữ ký CMS không kèm chứng thư số của người ký.');
  }
  const signer = signerOf(leaf);
  if (!i.trust.anchors.length) {
    return refuse(
      'NO_TRUST_ANCHORS',
      'Máy chủ chưa cấu hình chứng thư gốc tin cậy nên chưa kiểm tra được chữ ký số. Quản trị viên cần đặt biến TRUST_ANCHORS (đường dẫn tệp PEM chứng thư gốc của tổ chức chứng thực).',
      signer,
    );
  }

  // --- The signature and the content
  const digestName = DIGEST_NAMES[signerInfo.digestAlgorithm.algorithmId];
  if (!digestName) {
    return refuse(
      'MALFORMED',
      `Thuật toán băm ${signerInfo.digestAlgorithm.algorithmId} của chữ ký chưa hỗ trợ (cần SHA-256).`,
      signer,
    );
  }
  let kind: 'RSA' | 'EC';
  try {
    kind = keyKind(leaf);
  } catch (error) {
    return refuse('MALFORMED', (error as Error).message, signer);
  }
  const algorithm = signerInfo.signatureAlgorithm.algorithmId;
  if (!(kind === 'RSA' ? RSA_SIGNATURE_OIDS : EC_SIGNATURE_OIDS).has(algorithm)) {
    return refuse('MALFORMED', `Thuật toán chữ ký ${algorithm} chưa hỗ trợ.`, signer);
  }
  const carried = encapsulated(signedData);
  if (carried && !bytesEqual(carried, i.content)) {
    return refuse('DIGEST_MISMATCH', `${DIGEST_MISMATCH_MESSAGE}.`, signer);
  }
  const signature = signerInfo.signature.valueBlock.valueHexView;
  const contentDigest = createHash(digestName).update(i.content).digest();
  if (signerInfo.signedAttrs) {
    const attributes = signerInfo.signedAttrs.attributes;
    const md = attributes.find((a) => a.type === OID.messageDigest)?.values[0];
    if (!(md instanceof asn1js.OctetString)) {
      return refuse('MALFORMED', 'Chữ ký CMS thiếu thuộc tính messageDigest.', signer);
    }
    // What was signed is the DER SET of the attributes as received (pkijs keeps those bytes).
    const signedBytes = new Uint8Array(signerInfo.signedAttrs.encodedValue);
    if (!signatureHolds(leaf, signedBytes, signature, digestName)) {
      return refuse(
        'BAD_SIGNATURE',
        `Chữ ký số không hợp lệ: không do khóa của chứng thư số ${signer.name} tạo ra, hoặc đã bị sửa.`,
        signer,
      );
    }
    if (!bytesEqual(md.valueBlock.valueHexView, contentDigest)) {
      return refuse('DIGEST_MISMATCH', `${DIGEST_MISMATCH_MESSAGE}.`, signer);
    }
  } else if (!signatureHolds(leaf, i.content, signature, digestName)) {
    // Without signed attributes the signature is over the content itself (RFC 5652 §5.4). An RSA
    // signature tells whether it is this key's at all; an ECDSA one cannot.
    if (kind === 'RSA' && !rsaSignatureIsThisKeys(leaf, signature)) {
      return refuse(
        'BAD_SIGNATURE',
        `Chữ ký số không hợp lệ: không do khóa của chứng thư số ${signer.name} tạo ra.`,
        signer,
      );
    }
    return refuse(
      'DIGEST_MISMATCH',
      kind === 'RSA'
        ? `${DIGEST_MISMATCH_MESSAGE}.`
        : `${DIGEST_MISMATCH_MESSAGE}, hoặc chữ ký không do khóa của chứng thư số ${signer.name} tạo ra.`,
      signer,
    );
  }

  // --- The certificate
  const chain = await buildChain(leaf, certificates, i.trust.anchors);
  if (typeof chain === 'string') {
    return refuse(
      'UNTRUSTED',
      `Chứng thư số của ${signer.name} không do tổ chức chứng thực được tin cậy cấp (${chain}).`,
      signer,
    );
  }
  const dates = datesProblem(chain, i.at);
  if (dates) return dates;
  const usage = keyUsageByte(leaf);
  if (usage !== null && !(usage & DIGITAL_SIGNATURE)) {
    return refuse(
      'KEY_USAGE',
      `Chứng thư số của ${signer.name} không dùng để ký số (mục đích sử dụng không có digitalSignature).`,
      signer,
    );
  }
  const revoked = await revocationProblem(chain, i.trust.crls, i.at);
  if (revoked) return revoked;
  const pathProblem = await pkijsAccepts(chain, i.at);
  if (pathProblem) {
    return refuse(
      'UNTRUSTED',
      `Chứng thư số của ${signer.name} không do tổ chức chứng thực được tin cậy cấp (${pathProblem}).`,
      signer,
    );
  }
  return {
    valid: true,
    signer,
    cms: i.cms,
    chainPem: [...chain.path, chain.anchor].map(certificateToPem).join(''),
  };
}

/**
 * Checks a raw signature (RSA PKCS#1 v1.5 or ECDSA, SHA-256, of the content's digest) with the
 * signer's chain (leaf first), as USB-token plugins and remote signing services return it: the
 * CMS is built from them (no signed attributes: the signature is over the content) and checked
 * like any CMS; when valid, that CMS is what is kept.
 */
export async function verifyRawSignature(i: {
  content: Uint8Array;
  signature: Uint8Array;
  certificates: string[];
  at: Date;
  trust: TrustStore;
}): Promise<Verification> {
  let certificates: pkijs.Certificate[];
  try {
    certificates = parseCertificates(i.certificates);
  } catch (error) {
    return refuse('MALFORMED', (error as Error).message);
  }
  if (!certificates.length) return refuse('MALFORMED', 'Thiếu chứng thư số của người ký.');
  if (!i.signature.byteLength) {
    return refuse('MALFORMED', 'Thiếu chữ ký số.', signerOf(certificates[0]!));
  }
  let cms: Uint8Array;
  try {
    cms = buildSignedData({ certificates, signature: i.signature });
  } catch (error) {
    return refuse('MALFORMED', (error as Error).message, signerOf(certificates[0]!));
  }
  return verifyDetachedCms({ content: i.content, cms, at: i.at, trust: i.trust });
}
