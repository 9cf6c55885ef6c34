// The PDF copy signed as PAdES baseline B-B (ETSI EN 319 142-1): a signature field whose
// /Contents is a detached CMS (SubFilter ETSI.CAdES.detached) over the file's byte ranges. The
// server never holds the key, so signing goes in three steps, each giving the same bytes for the
// same input: preparePdf writes the placeholder and the final /ByteRange; pdfSignedAttributes
// gives the digest the signer's device signs; embedPdfSignature puts the CMS built around that
// raw signature into /Contents. readPdfSignature checks a signed copy on its own (no trust chain:
// verify.ts judges the certificate; this says whether the PDF and its signature hold together).
import { createHash, verify as verifySignature } from 'node:crypto';
import * as asn1js from 'asn1js';
import * as pkijs from 'pkijs';
import { plainAddPlaceholder } from '@signpdf/placeholder-plain';
import {
  findByteRange,
  removeTrailingNewLine,
  SUBFILTER_ETSI_CADES_DETACHED,
} from '@signpdf/utils';
import {
  arrayBufferOf,
  buildSignedData,
  certificateDer,
  certificatesOf,
  keyKind,
  OID,
  parseSignedData,
  publicKeyOf,
  sha256,
  signedAttributesDer,
  sortedAttributes,
  subjectName,
} from './cms.ts';

/** id-aa-signingCertificateV2 (RFC 5035). */
const OID_SIGNING_CERTIFICATE_V2 = '1.2.840.113549.1.9.16.2.47';

/**
 * Bytes kept for the CMS in /Contents (written as twice as many hex digits): a chain of ten
 * certificates of 1.5 kB each still fits; what does not fit is refused with a clear message.
 */
export const DEFAULT_SIGNATURE_BYTES = 16_384;

export interface PreparedPdf {
  /** The PDF with the signature field, its final /ByteRange and /Contents still all zeros. */
  pdf: Buffer;
  /** SHA-256 of the bytes the signature covers (everything but /Contents' hex string). */
  byteRangeDigest: Buffer;
  /** [0, start of "<", just after ">", rest]: /Contents' hex string is the hole. */
  byteRange: [number, number, number, number];
}

export interface PrepareOptions {
  /** Written as the signature's /M: PAdES puts the claimed signing time there, not in the CMS. */
  signedAt: Date;
  reason: string;
  name: string;
  location: string;
  signatureBytes?: number;
}

/** The trailer's /ID of `pdf`, so the incremental update can repeat it (ISO 32000-1 §14.4). */
function fileId(pdf: Buffer): string | null {
  const tail = pdf.subarray(pdf.lastIndexOf('trailer')).toString('latin1');
  return /\/ID\s*(\[\s*<[0-9A-Fa-f]*>\s*<[0-9A-Fa-f]*>\s*\])/.exec(tail)?.[1] ?? null;
}

/** Adds `/ID […]` to the last trailer: @signpdf's incremental update leaves it out. */
function withFileId(updated: Buffer, id: string | null): Buffer {
  if (!id) return updated;
  const trailer = updated.lastIndexOf('trailer');
  const at = updated.lastIndexOf('>>\nstartxref');
  if (trailer < 0 || at < trailer || updated.subarray(trailer, at).includes('/ID')) return updated;
  // The trailer comes after the xref section it points to: no offset moves.
  return Buffer.concat([updated.subarray(0, at), Buffer.from(`/ID ${id}\n`), updated.subarray(at)]);
}

const digestOfRanges = (pdf: Buffer, [a, b, c, d]: PreparedPdf['byteRange']) =>
  createHash('sha256')
    .update(pdf.subarray(a, a + b))
    .update(pdf.subarray(c, c + d))
    .digest();

/**
 * The PDF with an (invisible) signature field, ETSI.CAdES.detached, and its final /ByteRange;
 * deterministic: the same PDF and options give the same bytes and the same digest.
 */
export function preparePdf(pdf: Buffer, opts: PrepareOptions): PreparedPdf {
  const placed = plainAddPlaceholder({
    pdfBuffer: pdf,
    reason: opts.reason.normalize('NFC'),
    contactInfo: '',
    name: opts.name.normalize('NFC'),
    location: opts.location.normalize('NFC'),
    signingTime: opts.signedAt,
    signatureLength: opts.signatureBytes ?? DEFAULT_SIGNATURE_BYTES,
    subFilter: SUBFILTER_ETSI_CADES_DETACHED,
  });
  let out = removeTrailingNewLine(withFileId(placed, fileId(pdf)));

  // As @signpdf/signpdf does it, but now, so that the digest handed out is final.
  const { byteRangePlaceholder: placeholder, byteRangePlaceholderPosition: position } =
    findByteRange(out);
  if (!placeholder || position === undefined) {
    throw new Error('Không đặt được chỗ chữ ký vào bản PDF.');
  }
  const contentsAt = out.indexOf('/Contents ', position + placeholder.length);
  const start = out.indexOf('<', contentsAt);
  const end = out.indexOf('>', start) + 1;
  const byteRange: PreparedPdf['byteRange'] = [0, start, end, out.length - end];
  const written = `/ByteRange [${byteRange.join(' ')}]`.padEnd(placeholder.length, ' ');
  if (written.length !== placeholder.length) throw new Error('Bản PDF quá lớn để ký.');
  out = Buffer.concat([
    out.subarray(0, position),
    Buffer.from(written, 'latin1'),
    out.subarray(position + placeholder.length),
  ]);
  return { pdf: out, byteRangeDigest: digestOfRanges(out, byteRange), byteRange };
}

/**
 * ESS signing-certificate-v2 (RFC 5035) for the leaf: SHA-256 of its DER (the default hash, so
 * not named) and its issuer and serial number. It binds the signature to this certificate, as
 * PAdES B-B requires.
 */
function signingCertificateV2(leaf: pkijs.Certificate): pkijs.Attribute {
  const issuer = new pkijs.GeneralNames({
    names: [new pkijs.GeneralName({ type: 4, value: leaf.issuer })],
  });
  const essCertIdV2 = new asn1js.Sequence({
    value: [
      new asn1js.OctetString({ valueHex: arrayBufferOf(sha256(certificateDer(leaf))) }),
      new asn1js.Sequence({
        value: [
          issuer.toSchema(),
          new asn1js.Integer({
            valueHex: arrayBufferOf(leaf.serialNumber.valueBlock.valueHexView),
          }),
        ],
      }),
    ],
  });
  return new pkijs.Attribute({
    type: OID_SIGNING_CERTIFICATE_V2,
    values: [new asn1js.Sequence({ value: [new asn1js.Sequence({ value: [essCertIdV2] })] })],
  });
}

/**
 * The CMS signed attributes of the PDF's signature — content-type, message-digest of the byte
 * ranges, signing-certificate-v2; no signing-time (PAdES: the time is /M) — their DER, and the
 * SHA-256 of that DER: what the signer's device signs (RSA PKCS#1 v1.5 or ECDSA).
 */
export function pdfSignedAttributes(
  prepared: PreparedPdf,
  chain: pkijs.Certificate[],
): { attributes: pkijs.Attribute[]; der: Uint8Array; digest: Buffer } {
  const leaf = chain[0];
  if (!leaf) throw new Error('Thiếu chứng thư của người ký.');
  const attributes = sortedAttributes([
    new pkijs.Attribute({
      type: OID.contentType,
      values: [new asn1js.ObjectIdentifier({ value: OID.data })],
    }),
    new pkijs.Attribute({
      type: OID.messageDigest,
      values: [new asn1js.OctetString({ valueHex: arrayBufferOf(prepared.byteRangeDigest) })],
    }),
    signingCertificateV2(leaf),
  ]);
  const der = signedAttributesDer(attributes);
  return { attributes, der, digest: sha256(der) };
}

/** Whether `signature` (as the CMS carries it: ECDSA in DER) is the leaf's over `signedBytes`. */
function signatureHolds(leaf: pkijs.Certificate, signedBytes: Uint8Array, signature: Uint8Array) {
  try {
    keyKind(leaf); // RSA or EC, else throws
    return verifySignature('sha256', signedBytes, publicKeyOf(leaf), signature);
  } catch {
    return false;
  }
}

/**
 * The signed PDF: the CMS (the chain, the signed attributes of pdfSignedAttributes and the
 * device's raw signature of their digest) written into /Contents. Refused, with a Vietnamese
 * message, when the signature is not the leaf's over those attributes — a PDF that would show
 * as broken is never kept — or when the CMS does not fit the room kept for it.
 */
export async function embedPdfSignature(
  prepared: PreparedPdf,
  chain: pkijs.Certificate[],
  signature: Uint8Array,
): Promise<Buffer> {
  const { attributes } = pdfSignedAttributes(prepared, chain);
  const cms = buildSignedData({ certificates: chain, signature, signedAttributes: attributes });
  const check = checkCms(cms, prepared.byteRangeDigest);
  if (!check.signatureValid) {
    throw new Error(
      'Chữ ký bản PDF không khớp: thiết bị ký phải ký đúng pdfDigest bằng khóa của chứng thư đầu chuỗi.',
    );
  }
  const [, start, end] = prepared.byteRange;
  const room = end - start - 2;
  const hex = Buffer.from(cms).toString('hex');
  if (hex.length > room) {
    throw new Error(
      `Chữ ký bản PDF (${cms.length} byte) vượt chỗ dành sẵn (${room / 2} byte): chuỗi chứng thư quá dài.`,
    );
  }
  const pdf = Buffer.from(prepared.pdf);
  pdf.write(hex.padEnd(room, '0'), start + 1, 'latin1');
  return pdf;
}

interface CmsCheck {
  digestMatches: boolean;
  signatureValid: boolean;
  signingCertificateMatches: boolean;
  signerName: string;
}

function octets(attribute: pkijs.Attribute | undefined): Buffer | null {
  const value: unknown = attribute?.values[0];
  return value instanceof asn1js.OctetString ? Buffer.from(value.valueBlock.valueHexView) : null;
}

/** The certHash of the first ESSCertIDv2 of a signing-certificate-v2 attribute. */
function essCertHash(attribute: pkijs.Attribute | undefined): Buffer | null {
  const value: unknown = attribute?.values[0];
  if (!(value instanceof asn1js.Sequence)) return null;
  const certs: unknown = value.valueBlock.value[0];
  if (!(certs instanceof asn1js.Sequence)) return null;
  const first: unknown = certs.valueBlock.value[0];
  if (!(first instanceof asn1js.Sequence)) return null;
  // hashAlgorithm is left out when it is SHA-256; the hash is the first OCTET STRING.
  const hash = first.valueBlock.value.find((v) => v instanceof asn1js.OctetString);
  return hash instanceof asn1js.OctetString ? Buffer.from(hash.valueBlock.valueHexView) : null;
}

/** The one signer of a detached CMS over content whose SHA-256 is `contentDigest`. */
function checkCms(cms: Uint8Array, contentDigest: Buffer): CmsCheck {
  const signedData = parseSignedData(cms);
  const signer = signedData.signerInfos[0];
  const certificates = certificatesOf(signedData);
  const sid = signer?.sid;
  const leaf =
    sid instanceof pkijs.IssuerAndSerialNumber
      ? certificates.find(
          (c) => c.issuer.isEqual(sid.issuer) && c.serialNumber.isEqual(sid.serialNumber),
        )
      : undefined;
  const none = { digestMatches: false, signatureValid: false, signingCertificateMatches: false };
  if (!signer?.signedAttrs || !leaf) {
    return { ...none, signerName: leaf ? subjectName(leaf) : '' };
  }
  const attrs = signer.signedAttrs.attributes;
  const find = (oid: string) => attrs.find((a) => a.type === oid);
  const messageDigest = octets(find(OID.messageDigest));
  const certHash = essCertHash(find(OID_SIGNING_CERTIFICATE_V2));
  return {
    digestMatches:
      signer.digestAlgorithm.algorithmId === OID.sha256 &&
      messageDigest !== null &&
      messageDigest.equals(contentDigest),
    // encodedValue is the attributes as they were signed, re-tagged as the SET (RFC 5652 §5.4).
    signatureValid: signatureHolds(
      leaf,
      new Uint8Array(signer.signedAttrs.encodedValue),
      signer.signature.valueBlock.valueHexView,
    ),
    signingCertificateMatches: certHash?.equals(sha256(certificateDer(leaf))) ?? false,
    signerName: subjectName(leaf),
  };
}

export interface PdfSignatureCheck extends CmsCheck {
  subFilter: string;
  /** [0, a, b, c] with b + c the file's length: nothing after the signature is unsigned. */
  byteRangeCoversFile: boolean;
}

/** The (first) signature of a PDF, checked against the file as it is now. */
export async function readPdfSignature(pdf: Buffer): Promise<PdfSignatureCheck> {
  const text = pdf.toString('latin1');
  const range = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/.exec(text);
  if (!range) throw new Error('Bản PDF không có chữ ký số.');
  const byteRange = range.slice(1, 5).map(Number) as PreparedPdf['byteRange'];
  const [a, b, c, d] = byteRange;
  const objectStart = text.lastIndexOf(' obj', range.index);
  const objectEnd = text.indexOf('endobj', range.index);
  const dictionary = text.slice(objectStart, objectEnd);
  const subFilter = /\/SubFilter\s*\/([^\s/<>[\]()]+)/.exec(dictionary)?.[1] ?? '';
  const hole = text.slice(a + b, c);
  const byteRangeCoversFile =
    a === 0 && b < c && c + d === pdf.length && /^<[0-9A-Fa-f]*>$/.test(hole);
  // /Contents is zero-padded after the CMS: its DER length says where it ends.
  const padded = Buffer.from(hole.slice(1, -1), 'hex');
  const parsed = asn1js.fromBER(arrayBufferOf(padded));
  const none = {
    digestMatches: false,
    signatureValid: false,
    signingCertificateMatches: false,
    signerName: '',
  };
  let check: CmsCheck = none;
  if (parsed.offset > 0) {
    try {
      check = checkCms(padded.subarray(0, parsed.offset), digestOfRanges(pdf, byteRange));
    } catch {
      check = none;
    }
  }
  return { subFilter, byteRangeCoversFile, ...check };
}
