// A certification authority made in the test, with Node's WebCrypto and pkijs: root →
// intermediate → leaves, the wrong cases a verifier must refuse (an untrusted root, an expired
// leaf, a leaf not for signing, a revoked one with the intermediate's CRL), and an ECDSA leaf.
// Keys are generated once per process (in parallel, well under the 3 s budget) and shared.
import { constants, privateEncrypt, webcrypto } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as asn1js from 'asn1js';
import forge from 'node-forge';
import * as pkijs from 'pkijs';
import {
  arrayBufferOf,
  certificateToPem,
  ecdsaSignatureDer,
  sha256,
  standardSignedAttributes,
  toPem,
} from '../../server/signatures/cms.ts';

type CryptoKey = webcrypto.CryptoKey;
type KeyPair = webcrypto.CryptoKeyPair;

export interface TestLeaf {
  /** The leaf alone, PEM. */
  certificatePem: string;
  /** Leaf first, then the intermediate (the root is not sent: it is the trust anchor). */
  chainPem: string[];
  certificate: pkijs.Certificate;
  kind: 'RSA' | 'EC';
  privateKey: CryptoKey;
  /** PKCS#8 PEM. */
  privateKeyPem: string;
  /** A PKCS#12 file holding the key, the leaf and the intermediate (3DES; RSA leaves only). */
  p12(password: string): Uint8Array;
}

export interface TestCa {
  rootPem: string;
  intermediatePem: string;
  /** The intermediate's CRL (PEM), listing `revoked`. */
  crlPem: string;
  /** Root → intermediate → this leaf: CN "Nguyễn Văn An", O "Sở Y tế tỉnh Nghệ An". */
  leaf: TestLeaf;
  /** A leaf issued directly by a root nobody trusts; its chainPem is the leaf alone. */
  untrusted: TestLeaf;
  untrustedRootPem: string;
  /** Valid from two years ago until one year ago. */
  expired: TestLeaf;
  /** keyUsage keyEncipherment only: not for signing. */
  noDigitalSignature: TestLeaf;
  /** Listed in `crlPem`, revoked ten days ago. */
  revoked: TestLeaf;
  revokedAt: Date;
  /** ECDSA P-256. */
  ecdsa: TestLeaf;
  /** Writes the root (anchors) and the CRL to `dir`; returns their paths. */
  writeTrustFiles(dir: string): { anchors: string; crls: string };
}

const DAY = 86_400_000;

const RSA_KEY = {
  name: 'RSASSA-PKCS1-v1_5',
  modulusLength: 2048,
  publicExponent: new Uint8Array([1, 0, 1]),
  hash: 'SHA-256',
};
const EC_KEY = { name: 'ECDSA', namedCurve: 'P-256' };

const generate = (algorithm: typeof RSA_KEY | typeof EC_KEY) =>
  webcrypto.subtle.generateKey(algorithm, true, ['sign', 'verify']) as Promise<KeyPair>;

interface NameParts {
  cn: string;
  o?: string;
  c?: string;
}

function nameOf(parts: NameParts): pkijs.RelativeDistinguishedNames {
  const rdn = (type: string, value: asn1js.BaseStringBlock) =>
    new asn1js.Set({ value: [new pkijs.AttributeTypeAndValue({ type, value }).toSchema()] });
  // One attribute per RDN, in X.500 order (country first, the holder's name last), as CAs write
  // names; pkijs alone would put them all in one multi-valued RDN.
  const sequence = new asn1js.Sequence({
    value: [
      rdn('2.5.4.6', new asn1js.PrintableString({ value: parts.c ?? 'VN' })),
      ...(parts.o ? [rdn('2.5.4.10', new asn1js.Utf8String({ value: parts.o }))] : []),
      rdn('2.5.4.3', new asn1js.Utf8String({ value: parts.cn })),
    ],
  });
  return pkijs.RelativeDistinguishedNames.fromBER(sequence.toBER(false));
}

// keyUsage bits (RFC 5280 §4.2.1.3), in the first byte of the BIT STRING.
const KU = {
  digitalSignature: 0x80,
  nonRepudiation: 0x40,
  keyEncipherment: 0x20,
  keyCertSign: 0x04,
  cRLSign: 0x02,
};

function keyUsageExtension(bits: number): pkijs.Extension {
  const unused = bits ? Math.min(7, Math.log2(bits & -bits)) : 0;
  const value = new asn1js.BitString({
    valueHex: new Uint8Array([bits]).buffer,
    unusedBits: unused,
  });
  return new pkijs.Extension({
    extnID: '2.5.29.15',
    critical: true,
    extnValue: value.toBER(false),
    parsedValue: value,
  });
}

let serialCounter = 0x1000;
/** Distinct, positive serial numbers with some width, as CAs issue them. */
function nextSerial(): asn1js.Integer {
  serialCounter += 1;
  const bytes = webcrypto.getRandomValues(new Uint8Array(12));
  bytes[0] = (bytes[0]! & 0x3f) | 0x10;
  bytes[10] = serialCounter >> 8;
  bytes[11] = serialCounter & 0xff;
  return new asn1js.Integer({ valueHex: bytes.buffer });
}

async function keyIdentifier(keys: KeyPair): Promise<ArrayBuffer> {
  const spki = await webcrypto.subtle.exportKey('spki', keys.publicKey);
  const info = pkijs.PublicKeyInfo.fromBER(spki);
  return webcrypto.subtle.digest('SHA-1', info.subjectPublicKey.valueBlock.valueHexView);
}

/**
 * Signs with sha256WithRSAEncryption and its NULL parameters, as RFC 4055 wants them written
 * (pkijs' own sign leaves them out; node-forge, rewriting the certificate into a .p12, would add
 * them to the outer algorithm only, and the certificate would no longer match itself).
 */
async function signCertificate(cert: pkijs.Certificate, issuerKey: CryptoKey): Promise<void> {
  const algorithm = () =>
    new pkijs.AlgorithmIdentifier({
      algorithmId: '1.2.840.113549.1.1.11',
      algorithmParams: new asn1js.Null(),
    });
  cert.signature = algorithm();
  cert.signatureAlgorithm = algorithm();
  const tbs = cert.encodeTBS().toBER(false);
  const signature = await webcrypto.subtle.sign('RSASSA-PKCS1-v1_5', issuerKey, tbs);
  cert.tbsView = new Uint8Array(tbs);
  cert.signatureValue = new asn1js.BitString({ valueHex: signature });
}

interface Issued {
  certificate: pkijs.Certificate;
  keys: KeyPair;
}

async function issue(options: {
  subject: NameParts;
  keys: KeyPair;
  issuer: Issued | null;
  notBefore: Date;
  notAfter: Date;
  ca: boolean;
  keyUsage: number;
}): Promise<Issued> {
  const cert = new pkijs.Certificate();
  cert.version = 2;
  cert.serialNumber = nextSerial();
  cert.subject = nameOf(options.subject);
  cert.issuer = options.issuer ? options.issuer.certificate.subject : cert.subject;
  cert.notBefore.value = options.notBefore;
  cert.notAfter.value = options.notAfter;
  await cert.subjectPublicKeyInfo.importKey(options.keys.publicKey);
  const basic = new pkijs.BasicConstraints({ cA: options.ca });
  const ski = await keyIdentifier(options.keys);
  const aki = new pkijs.AuthorityKeyIdentifier({
    keyIdentifier: new asn1js.OctetString({
      valueHex: await keyIdentifier(options.issuer?.keys ?? options.keys),
    }),
  });
  cert.extensions = [
    new pkijs.Extension({
      extnID: '2.5.29.19',
      critical: true,
      extnValue: basic.toSchema().toBER(false),
      parsedValue: basic,
    }),
    keyUsageExtension(options.keyUsage),
    new pkijs.Extension({
      extnID: '2.5.29.14',
      extnValue: new asn1js.OctetString({ valueHex: ski }).toBER(false),
    }),
    new pkijs.Extension({
      extnID: '2.5.29.35',
      extnValue: aki.toSchema().toBER(false),
      parsedValue: aki,
    }),
  ];
  await signCertificate(cert, (options.issuer?.keys ?? options.keys).privateKey);
  // Read back from DER, as a verifier will see it (tbsView and parsed values filled in).
  const parsed = pkijs.Certificate.fromBER(cert.toSchema(true).toBER(false));
  return { certificate: parsed, keys: options.keys };
}

async function leafOf(issued: Issued, chain: Issued[], kind: 'RSA' | 'EC'): Promise<TestLeaf> {
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', issued.keys.privateKey);
  const privateKeyPem = toPem(new Uint8Array(pkcs8), 'PRIVATE KEY');
  const chainPem = [issued, ...chain].map((c) => certificateToPem(c.certificate));
  return {
    certificatePem: chainPem[0]!,
    chainPem,
    certificate: issued.certificate,
    kind,
    privateKey: issued.keys.privateKey,
    privateKeyPem,
    p12(password: string) {
      if (kind !== 'RSA') throw new Error('node-forge cannot hold EC keys: no .p12 for this leaf');
      const key = forge.pki.privateKeyFromPem(privateKeyPem);
      const certs = chainPem.map((pem) => forge.pki.certificateFromPem(pem));
      const asn1 = forge.pkcs12.toPkcs12Asn1(key, certs, password, { algorithm: '3des' });
      return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
    },
  };
}

async function makeCrl(issuer: Issued, revoked: Issued, revokedAt: Date, now: Date) {
  const crl = new pkijs.CertificateRevocationList();
  crl.version = 1;
  crl.issuer = issuer.certificate.subject;
  crl.thisUpdate = new pkijs.Time({ type: 0, value: new Date(now.getTime() - DAY) });
  crl.nextUpdate = new pkijs.Time({ type: 0, value: new Date(now.getTime() + 30 * DAY) });
  crl.revokedCertificates = [
    new pkijs.RevokedCertificate({
      userCertificate: revoked.certificate.serialNumber,
      revocationDate: new pkijs.Time({ type: 0, value: revokedAt }),
    }),
  ];
  await crl.sign(issuer.keys.privateKey, 'SHA-256');
  return toPem(new Uint8Array(crl.toSchema(true).toBER(false)), 'X509 CRL');
}

async function buildCa(): Promise<TestCa> {
  // Whole seconds: certificates keep no milliseconds, and tests compare dates they print.
  const now = new Date(Math.floor(Date.now() / 1000) * 1000);
  const days = (n: number) => new Date(now.getTime() + n * DAY);
  const [
    rootKeys,
    intKeys,
    leafKeys,
    otherRootKeys,
    otherLeafKeys,
    expiredKeys,
    noDsKeys,
    revKeys,
  ] = await Promise.all(Array.from({ length: 8 }, () => generate(RSA_KEY)));
  const ecKeys = await generate(EC_KEY);

  const caUsage = KU.keyCertSign | KU.cRLSign;
  const signing = KU.digitalSignature | KU.nonRepudiation;
  const root = await issue({
    subject: { cn: 'Tổng hợp Test Root CA', o: 'Tổng hợp (thử nghiệm)' },
    keys: rootKeys!,
    issuer: null,
    notBefore: days(-1095),
    notAfter: days(3650),
    ca: true,
    keyUsage: caUsage,
  });
  const intermediate = await issue({
    subject: { cn: 'Tổng hợp Test CA cấp 2', o: 'Tổng hợp (thử nghiệm)' },
    keys: intKeys!,
    issuer: root,
    notBefore: days(-1095),
    notAfter: days(1825),
    ca: true,
    keyUsage: caUsage,
  });
  const person = (cn = 'Nguyễn Văn An') => ({ cn, o: 'Sở Y tế tỉnh Nghệ An' });
  const leafOptions = {
    issuer: intermediate,
    notBefore: days(-30),
    notAfter: days(365),
    ca: false,
  };
  const leaf = await issue({
    ...leafOptions,
    subject: person(),
    keys: leafKeys!,
    keyUsage: signing,
  });
  const otherRoot = await issue({
    subject: { cn: 'CA không được tin cậy', o: 'Ai đó' },
    keys: otherRootKeys!,
    issuer: null,
    notBefore: days(-1095),
    notAfter: days(3650),
    ca: true,
    keyUsage: caUsage,
  });
  const untrusted = await issue({
    ...leafOptions,
    issuer: otherRoot,
    subject: person('Trần Thị Bình'),
    keys: otherLeafKeys!,
    keyUsage: signing,
  });
  const expired = await issue({
    ...leafOptions,
    subject: person('Lê Văn Cường'),
    keys: expiredKeys!,
    notBefore: days(-730),
    notAfter: days(-365),
    keyUsage: signing,
  });
  const noDs = await issue({
    ...leafOptions,
    subject: person('Phạm Thị Dung'),
    keys: noDsKeys!,
    keyUsage: KU.keyEncipherment,
  });
  const revoked = await issue({
    ...leafOptions,
    subject: person('Hoàng Văn Em'),
    keys: revKeys!,
    keyUsage: signing,
  });
  const ecdsa = await issue({
    ...leafOptions,
    subject: person('Võ Thị Phương'),
    keys: ecKeys,
    keyUsage: signing,
  });
  const revokedAt = days(-10);
  const crlPem = await makeCrl(intermediate, revoked, revokedAt, now);
  const rootPem = certificateToPem(root.certificate);

  return {
    rootPem,
    intermediatePem: certificateToPem(intermediate.certificate),
    crlPem,
    leaf: await leafOf(leaf, [intermediate], 'RSA'),
    untrusted: await leafOf(untrusted, [], 'RSA'),
    untrustedRootPem: certificateToPem(otherRoot.certificate),
    expired: await leafOf(expired, [intermediate], 'RSA'),
    noDigitalSignature: await leafOf(noDs, [intermediate], 'RSA'),
    revoked: await leafOf(revoked, [intermediate], 'RSA'),
    revokedAt,
    ecdsa: await leafOf(ecdsa, [intermediate], 'EC'),
    writeTrustFiles(dir: string) {
      mkdirSync(dir, { recursive: true });
      const anchors = join(dir, 'trust-anchors.pem');
      const crls = join(dir, 'trust-crls.pem');
      writeFileSync(anchors, rootPem);
      writeFileSync(crls, crlPem);
      return { anchors, crls };
    },
  };
}

let made: Promise<TestCa> | null = null;
/** The test CA, made once per process. */
export function makeTestCa(): Promise<TestCa> {
  made ??= buildCa();
  return made;
}

// DigestInfo ::= SEQUENCE { AlgorithmIdentifier sha256 (NULL parameters), OCTET STRING digest }
// as PKCS#1 v1.5 (RFC 8017 §9.2, note 1) prefixes a SHA-256 digest.
const SHA256_DIGEST_INFO_PREFIX = Buffer.from('3031300d060960864801650304020105000420', 'hex');

/**
 * A raw signature of a SHA-256 `digest`, as a USB token or remote signing service returns one.
 * RSA: PKCS#1 v1.5 over the DigestInfo — the private-key operation with block type 1 padding,
 * which is exactly RSASSA-PKCS1-v1_5 with SHA-256 of the content the digest was taken from.
 * ECDSA cannot be done here: Node signs only content (it hashes again) and WebCrypto too; use
 * signContentRaw, which gives the same signature an ECDSA token would over this digest.
 */
export async function signDigestRaw(leaf: TestLeaf, digest: Buffer): Promise<Uint8Array> {
  if (leaf.kind !== 'RSA') {
    throw new Error(
      'signDigestRaw: ECDSA over a bare digest is not possible here; use signContentRaw',
    );
  }
  if (digest.length !== 32) throw new Error('signDigestRaw: a SHA-256 digest has 32 bytes');
  const digestInfo = Buffer.concat([SHA256_DIGEST_INFO_PREFIX, digest]);
  return new Uint8Array(
    privateEncrypt({ key: leaf.privateKeyPem, padding: constants.RSA_PKCS1_PADDING }, digestInfo),
  );
}

/**
 * A raw signature (SHA-256) of `content` with WebCrypto: RSA PKCS#1 v1.5, or ECDSA — then DER,
 * as most tools return it (WebCrypto's r‖s is converted).
 */
export async function signContentRaw(leaf: TestLeaf, content: Uint8Array): Promise<Uint8Array> {
  const algorithm =
    leaf.kind === 'RSA' ? { name: 'RSASSA-PKCS1-v1_5' } : { name: 'ECDSA', hash: 'SHA-256' };
  const signature = new Uint8Array(
    await webcrypto.subtle.sign(algorithm, leaf.privateKey, content),
  );
  return leaf.kind === 'RSA' ? signature : ecdsaSignatureDer(signature, 32);
}

/**
 * A detached CMS over `content` with signed attributes contentType, messageDigest and
 * signingTime, made by pkijs' own SignedData.sign (not the server's builder), as signing tools
 * that return CMS make it. The chain (leaf, intermediate) is in it.
 */
export async function signDetachedCms(
  leaf: TestLeaf,
  content: Uint8Array,
  signingTime = new Date(),
): Promise<Uint8Array> {
  const certificates = leaf.chainPem.map((pem) =>
    pkijs.Certificate.fromBER(
      arrayBufferOf(Buffer.from(pem.replace(/-----[^-]+-----|\s+/g, ''), 'base64')),
    ),
  );
  const signer = certificates[0]!;
  const signedData = new pkijs.SignedData({
    version: 1,
    encapContentInfo: new pkijs.EncapsulatedContentInfo({
      eContentType: pkijs.id_ContentType_Data,
    }),
    signerInfos: [
      new pkijs.SignerInfo({
        version: 1,
        sid: new pkijs.IssuerAndSerialNumber({
          issuer: signer.issuer,
          serialNumber: signer.serialNumber,
        }),
        signedAttrs: new pkijs.SignedAndUnsignedAttributes({
          type: 0,
          attributes: standardSignedAttributes(sha256(content), signingTime),
        }),
      }),
    ],
    certificates,
  });
  await signedData.sign(leaf.privateKey, 0, 'SHA-256', arrayBufferOf(content));
  const info = new pkijs.ContentInfo({
    contentType: pkijs.id_ContentType_SignedData,
    content: signedData.toSchema(true),
  });
  return new Uint8Array(info.toSchema().toBER(false));
}
