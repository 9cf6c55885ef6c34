// Certificates and CMS SignedData (RFC 5652) with pkijs: reading what signing tools send (PEM or
// base64 DER certificates, a detached CMS), naming certificates for people, and building the CMS
// ourselves when a tool returns only a raw signature and the chain. Pure: no database, no files.
import { createHash, webcrypto } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';

// pkijs needs a WebCrypto engine; Node's is the one we trust. Set once, when the module loads.
pkijs.setEngine('node', new pkijs.CryptoEngine({ name: 'node', crypto: webcrypto }));

export const OID = {
  data: '1.2.840.113549.1.7.1',
  signedData: '1.2.840.113549.1.7.2',
  contentType: '1.2.840.113549.1.9.3',
  messageDigest: '1.2.840.113549.1.9.4',
  signingTime: '1.2.840.113549.1.9.5',
  sha256: '2.16.840.1.101.3.4.2.1',
  sha384: '2.16.840.1.101.3.4.2.2',
  sha512: '2.16.840.1.101.3.4.2.3',
  rsaEncryption: '1.2.840.113549.1.1.1',
  sha256WithRSA: '1.2.840.113549.1.1.11',
  sha384WithRSA: '1.2.840.113549.1.1.12',
  sha512WithRSA: '1.2.840.113549.1.1.13',
  ecPublicKey: '1.2.840.10045.2.1',
  ecdsaWithSHA256: '1.2.840.10045.4.3.2',
  ecdsaWithSHA384: '1.2.840.10045.4.3.3',
  ecdsaWithSHA512: '1.2.840.10045.4.3.4',
  keyUsage: '2.5.29.15',
  basicConstraints: '2.5.29.19',
  subjectKeyIdentifier: '2.5.29.14',
  authorityKeyIdentifier: '2.5.29.35',
} as const;

/** Digest algorithms a CMS may use here, as Node's crypto names them. */
export const DIGEST_NAMES: Readonly<Record<string, 'sha256' | 'sha384' | 'sha512'>> = {
  [OID.sha256]: 'sha256',
  [OID.sha384]: 'sha384',
  [OID.sha512]: 'sha512',
};

export const sha256 = (bytes: Uint8Array): Buffer => createHash('sha256').update(bytes).digest();

/** A fresh ArrayBuffer holding exactly `bytes` (a Buffer's may be a slice of a larger pool). */
export function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return copy.buffer;
}

// ---------------------------------------------------------------------------------------------
// PEM

/** The DER bytes of every `-----BEGIN <label>-----` block of `text`, in order. */
export function pemBlocks(text: string, label: string): Buffer[] {
  const re = new RegExp(`-----BEGIN ${label}-----([\\s\\S]*?)-----END ${label}-----`, 'g');
  return [...text.matchAll(re)].map((m) => Buffer.from((m[1] ?? '').replace(/\s+/g, ''), 'base64'));
}

export function toPem(der: Uint8Array, label: string): string {
  const lines =
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

export function certificateDer(cert: pkijs.Certificate): Uint8Array {
  return new Uint8Array(cert.toSchema().toBER(false));
}

export function certificateToPem(cert: pkijs.Certificate): string {
  return toPem(certificateDer(cert), 'CERTIFICATE');
}

// ---------------------------------------------------------------------------------------------
// Reading certificates

const NOT_A_CERTIFICATE =
  'Chứng thư số không đọc được: cần nội dung PEM (-----BEGIN CERTIFICATE-----) hoặc DER mã hóa base64 của một chứng thư X.509.';

/** The certificate whose DER is `der`; throws with NOT_A_CERTIFICATE when it is not one. */
export function certificateFromDer(der: Uint8Array): pkijs.Certificate {
  const asn1 = asn1js.fromBER(arrayBufferOf(der));
  if (asn1.offset === -1 || asn1.offset !== der.byteLength) throw new Error(NOT_A_CERTIFICATE);
  try {
    return new pkijs.Certificate({ schema: asn1.result });
  } catch {
    throw new Error(NOT_A_CERTIFICATE);
  }
}

/** Base64 text (whitespace allowed) as bytes, or null when it is not base64. */
function base64Bytes(text: string): Buffer | null {
  const clean = text.replace(/\s+/g, '');
  if (!clean || clean.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(clean)) return null;
  return Buffer.from(clean, 'base64');
}

/** Every certificate in `text`: PEM (one or several blocks) or one base64 DER certificate. */
function certificatesIn(text: string): pkijs.Certificate[] {
  if (text.includes('-----BEGIN')) {
    const blocks = pemBlocks(text, 'CERTIFICATE');
    if (!blocks.length) throw new Error(NOT_A_CERTIFICATE);
    return blocks.map(certificateFromDer);
  }
  const der = base64Bytes(text);
  if (!der) throw new Error(NOT_A_CERTIFICATE);
  return [certificateFromDer(der)];
}

/** One certificate, PEM or base64 DER. Throws an Error with a Vietnamese message on anything else. */
export function parseCertificate(text: string): pkijs.Certificate {
  const found = certificatesIn(text);
  if (found.length !== 1) {
    throw new Error(`Cần đúng một chứng thư số, nhận được ${found.length}.`);
  }
  return found[0]!;
}

/**
 * A chain as a signing tool sends it (leaf first): each item PEM (possibly several blocks) or
 * base64 DER. The error names the item that could not be read.
 */
export function parseCertificates(list: readonly string[]): pkijs.Certificate[] {
  return list.flatMap((text, i) => {
    try {
      return certificatesIn(text);
    } catch (error) {
      throw new Error(`Chứng thư thứ ${i + 1} trong chuỗi: ${(error as Error).message}`, {
        cause: error,
      });
    }
  });
}

// ---------------------------------------------------------------------------------------------
// Names, as a person reads them

const NAME_LABELS: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'SERIALNUMBER',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'T',
  '2.5.4.42': 'GN',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.2.840.113549.1.9.1': 'E',
};

/** The text of an attribute value (UTF8String, PrintableString, BMPString, …). */
function attributeText(value: unknown): string {
  const block = (value as { valueBlock?: { value?: unknown; valueHexView?: Uint8Array } })
    .valueBlock;
  if (typeof block?.value === 'string') return block.value.normalize('NFC');
  return block?.valueHexView ? `#${Buffer.from(block.valueHexView).toString('hex')}` : '';
}

function attributeOf(name: pkijs.RelativeDistinguishedNames, oid: string): string | null {
  const found = name.typesAndValues.find((t) => t.type === oid);
  return found ? attributeText(found.value) : null;
}

/** "CN=…, O=…, C=VN": most specific first, as RFC 4514 writes it. */
export function distinguishedName(name: pkijs.RelativeDistinguishedNames): string {
  return name.typesAndValues
    .map((t) => `${NAME_LABELS[t.type] ?? t.type}=${attributeText(t.value)}`)
    .reverse()
    .join(', ');
}

const readableName = (name: pkijs.RelativeDistinguishedNames) =>
  attributeOf(name, '2.5.4.3') || distinguishedName(name) || '(không tên)';

/** The holder's name: the common name, else the whole distinguished name. */
export const subjectName = (cert: pkijs.Certificate): string => readableName(cert.subject);
/** The issuing CA's name, the same way. */
export const issuerName = (cert: pkijs.Certificate): string => readableName(cert.issuer);
/** The holder's organisation (O), when the certificate names one. */
export const subjectOrganization = (cert: pkijs.Certificate): string | null =>
  attributeOf(cert.subject, '2.5.4.10');

/** The serial number in upper-case hex, without the sign byte DER adds ("00" before a high bit). */
export function serialHex(cert: pkijs.Certificate): string {
  let bytes = Buffer.from(cert.serialNumber.valueBlock.valueHexView);
  while (bytes.length > 1 && bytes[0] === 0) bytes = bytes.subarray(1);
  return bytes.toString('hex').toUpperCase();
}

// ---------------------------------------------------------------------------------------------
// Keys and algorithms

export type KeyKind = 'RSA' | 'EC';

export function keyKind(cert: pkijs.Certificate): KeyKind {
  const oid = cert.subjectPublicKeyInfo.algorithm.algorithmId;
  if (oid === OID.rsaEncryption) return 'RSA';
  if (oid === OID.ecPublicKey) return 'EC';
  throw new Error(
    `Khóa công khai của chứng thư ${subjectName(cert)} dùng thuật toán ${oid}, chưa hỗ trợ (chỉ RSA và ECDSA).`,
  );
}

/** The certificate's public key for Node's crypto. */
export function publicKeyOf(cert: pkijs.Certificate) {
  const spki = new Uint8Array(cert.subjectPublicKeyInfo.toSchema().toBER(false));
  return { key: Buffer.from(spki), format: 'der' as const, type: 'spki' as const };
}

const EC_COORDINATE_BYTES: Readonly<Record<string, number>> = {
  '1.2.840.10045.3.1.7': 32, // P-256
  '1.3.132.0.34': 48, // P-384
  '1.3.132.0.35': 66, // P-521
};

/** The byte length of one coordinate of the certificate's EC curve, null when not EC or unknown. */
export function ecCoordinateBytes(cert: pkijs.Certificate): number | null {
  const params: unknown = cert.subjectPublicKeyInfo.algorithm.algorithmParams;
  if (!(params instanceof asn1js.ObjectIdentifier)) return null;
  return EC_COORDINATE_BYTES[params.valueBlock.toString()] ?? null;
}

export interface SignatureAlgorithm {
  name: 'sha256WithRSAEncryption' | 'ecdsa-with-SHA256';
  oid: string;
  identifier: pkijs.AlgorithmIdentifier;
}

/** The signature algorithm (with SHA-256) that the certificate's key makes. */
export function signatureAlgorithmFor(cert: pkijs.Certificate): SignatureAlgorithm {
  if (keyKind(cert) === 'RSA') {
    return {
      name: 'sha256WithRSAEncryption',
      oid: OID.sha256WithRSA,
      identifier: new pkijs.AlgorithmIdentifier({
        algorithmId: OID.sha256WithRSA,
        algorithmParams: new asn1js.Null(),
      }),
    };
  }
  return {
    name: 'ecdsa-with-SHA256',
    oid: OID.ecdsaWithSHA256,
    identifier: new pkijs.AlgorithmIdentifier({ algorithmId: OID.ecdsaWithSHA256 }),
  };
}

/** SHA-256 as CMS names it: RFC 5754 says to leave the parameters out. */
const sha256Identifier = () => new pkijs.AlgorithmIdentifier({ algorithmId: OID.sha256 });

/** True when `bytes` is exactly one DER Ecdsa-Sig-Value, SEQUENCE { r INTEGER, s INTEGER }. */
function isDerEcdsaSignature(bytes: Uint8Array): boolean {
  const asn1 = asn1js.fromBER(arrayBufferOf(bytes));
  if (asn1.offset !== bytes.byteLength || !(asn1.result instanceof asn1js.Sequence)) return false;
  const parts = asn1.result.valueBlock.value;
  return parts.length === 2 && parts.every((p) => p instanceof asn1js.Integer);
}

/** A DER INTEGER body for an unsigned big-endian number: no extra zeros, a zero before a high bit. */
function unsignedInteger(bytes: Uint8Array): asn1js.Integer {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const trimmed = bytes.subarray(i);
  const body = trimmed[0]! & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed;
  return new asn1js.Integer({ valueHex: arrayBufferOf(body) });
}

/**
 * An ECDSA signature as CMS carries it (DER). WebCrypto and many tokens give r‖s (IEEE P1363,
 * 64 bytes for P-256): that is turned into DER; a DER signature is kept as it is.
 */
export function ecdsaSignatureDer(signature: Uint8Array, coordinateBytes: number): Uint8Array {
  if (isDerEcdsaSignature(signature)) return signature;
  if (signature.byteLength !== 2 * coordinateBytes) {
    throw new Error('Chữ ký ECDSA không đúng định dạng (cần DER hoặc r‖s).');
  }
  const seq = new asn1js.Sequence({
    value: [
      unsignedInteger(signature.subarray(0, coordinateBytes)),
      unsignedInteger(signature.subarray(coordinateBytes)),
    ],
  });
  return new Uint8Array(seq.toBER(false));
}

// ---------------------------------------------------------------------------------------------
// Signed attributes

const compareBytes = (a: Uint8Array, b: Uint8Array) => Buffer.compare(a, b);

/** The attributes in DER order (a SET OF is sorted by the encodings of its members). */
export function sortedAttributes(attributes: readonly pkijs.Attribute[]): pkijs.Attribute[] {
  return attributes
    .map((a) => ({ a, der: new Uint8Array(a.toSchema().toBER(false)) }))
    .sort((x, y) => compareBytes(x.der, y.der))
    .map((x) => x.a);
}

/**
 * The DER of the signed attributes as they are signed (RFC 5652 §5.4: the SET OF, tag 0x31, not
 * the [0] of SignerInfo). Its digest is what a signer signs when a CMS carries signed attributes.
 */
export function signedAttributesDer(attributes: readonly pkijs.Attribute[]): Uint8Array {
  const set = new asn1js.Set({ value: sortedAttributes(attributes).map((a) => a.toSchema()) });
  return new Uint8Array(set.toBER(false));
}

/** contentType = data, messageDigest = `digest` (SHA-256 of the content), and signingTime. */
export function standardSignedAttributes(digest: Uint8Array, signingTime: Date): pkijs.Attribute[] {
  return [
    new pkijs.Attribute({
      type: OID.contentType,
      values: [new asn1js.ObjectIdentifier({ value: OID.data })],
    }),
    new pkijs.Attribute({
      type: OID.signingTime,
      values: [new asn1js.UTCTime({ valueDate: signingTime })],
    }),
    new pkijs.Attribute({
      type: OID.messageDigest,
      values: [new asn1js.OctetString({ valueHex: arrayBufferOf(digest) })],
    }),
  ];
}

// ---------------------------------------------------------------------------------------------
// Building and reading SignedData

export interface BuildSignedDataInput {
  /** The chain, leaf (the signer) first. */
  certificates: readonly pkijs.Certificate[];
  /**
   * The signer's raw signature: without signed attributes, of the content itself (RFC 5652 §5.4);
   * with them, of signedAttributesDer(signedAttributes). RSA PKCS#1 v1.5 or ECDSA (DER or r‖s),
   * SHA-256.
   */
  signature: Uint8Array;
  signedAttributes?: readonly pkijs.Attribute[];
}

/**
 * A detached CMS (ContentInfo of SignedData, DER): no eContent, digest SHA-256, one SignerInfo
 * naming the leaf by issuer and serial number, the chain in `certificates`.
 */
export function buildSignedData(input: BuildSignedDataInput): Uint8Array {
  const leaf = input.certificates[0];
  if (!leaf) throw new Error('Thiếu chứng thư của người ký.');
  const algorithm = signatureAlgorithmFor(leaf);
  let signature = input.signature;
  if (algorithm.name === 'ecdsa-with-SHA256') {
    const size = ecCoordinateBytes(leaf);
    if (!size) throw new Error(`Đường cong EC của chứng thư ${subjectName(leaf)} chưa hỗ trợ.`);
    signature = ecdsaSignatureDer(signature, size);
  }
  const signerInfo = new pkijs.SignerInfo({
    version: 1,
    sid: new pkijs.IssuerAndSerialNumber({ issuer: leaf.issuer, serialNumber: leaf.serialNumber }),
    digestAlgorithm: sha256Identifier(),
    signatureAlgorithm: algorithm.identifier,
    signature: new asn1js.OctetString({ valueHex: arrayBufferOf(signature) }),
  });
  if (input.signedAttributes?.length) {
    // pkijs writes the attributes in array order: sorted, they are the bytes that were signed.
    signerInfo.signedAttrs = new pkijs.SignedAndUnsignedAttributes({
      type: 0,
      attributes: sortedAttributes(input.signedAttributes),
    });
  }
  const signedData = new pkijs.SignedData({
    version: 1,
    digestAlgorithms: [sha256Identifier()],
    encapContentInfo: new pkijs.EncapsulatedContentInfo({ eContentType: OID.data }),
    certificates: [...input.certificates],
    signerInfos: [signerInfo],
  });
  const contentInfo = new pkijs.ContentInfo({
    contentType: OID.signedData,
    content: signedData.toSchema(true),
  });
  return new Uint8Array(contentInfo.toSchema().toBER(false));
}

const NOT_A_CMS =
  'Chữ ký không đọc được: cần CMS/PKCS#7 SignedData (DER), không phải dữ liệu khác.';

/** The SignedData in a DER ContentInfo; throws with a Vietnamese message on anything else. */
export function parseSignedData(der: Uint8Array): pkijs.SignedData {
  const asn1 = asn1js.fromBER(arrayBufferOf(der));
  // Some tools pad the CMS with zeros (as in a PDF's /Contents); anything else after it is wrong.
  if (asn1.offset === -1 || der.subarray(asn1.offset).some((b) => b !== 0)) {
    throw new Error(NOT_A_CMS);
  }
  try {
    const info = new pkijs.ContentInfo({ schema: asn1.result });
    if (info.contentType !== OID.signedData) throw new Error(NOT_A_CMS);
    return new pkijs.SignedData({ schema: info.content });
  } catch {
    throw new Error(NOT_A_CMS);
  }
}

/** The X.509 certificates a SignedData carries (other kinds are left out). */
export function certificatesOf(signedData: pkijs.SignedData): pkijs.Certificate[] {
  return (signedData.certificates ?? []).filter(
    (c): c is pkijs.Certificate => c instanceof pkijs.Certificate,
  );
}
