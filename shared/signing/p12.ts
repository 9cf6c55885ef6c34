// A PKCS#12 (.p12 / .pfx) file opened where the signer is — in the pane, or the CLI — with
// node-forge, since WebCrypto cannot read PKCS#12. The file and its password never leave the
// machine: only the raw signature of a digest and the certificate chain do (sign-report.ts).
//
// What forge reads: the legacy files (pbeWithSHAAnd3-KeyTripleDES-CBC, RC2-40 certificates,
// SHA-1 MAC) and OpenSSL 3's default (PBES2: PBKDF2 with HMAC-SHA-256, AES-256-CBC; SHA-256 MAC),
// both tested in test/shared/signing/p12.test.ts, also with a Vietnamese password. RSA keys
// only: forge has no EC keys, so an ECDSA .p12 is refused with a message that says so (sign
// through a remote service instead); certificates an ECDSA CA issued are passed on as they are.
// No Node imports: webpack bundles this into the add-in.
import forge from 'node-forge';
import { binaryToBytes, bytesToBinary } from './base64.ts';
import { SHA256_LENGTH, type DigestSigner } from './digest-signer.ts';

export interface P12Signer extends DigestSigner {
  /** The holder's name (the certificate's CN), as the server will read it. */
  subject: string;
  /** The issuing CA's name (CN, or O). */
  issuer: string;
  notAfter: Date;
}

export const P12_WRONG_PASSWORD = 'Sai mật khẩu hoặc tệp .p12 không đọc được.';

const OID_EC_PUBLIC_KEY = '1.2.840.10045.2.1';
/** PKCS#12 bag types (RFC 7292 §4.2). */
const BAG = {
  key: '1.2.840.113549.1.12.10.1.1',
  shroudedKey: '1.2.840.113549.1.12.10.1.2',
  cert: '1.2.840.113549.1.12.10.1.3',
};

function bagsOf(p12: forge.pkcs12.Pkcs12Pfx, bagType: string): forge.pkcs12.Bag[] {
  return p12.getBags({ bagType })[bagType] ?? [];
}

class P12Error extends Error {
  override name = 'P12Error';
}

/**
 * Opens a .p12 with its password: the RSA private key, the certificate that goes with it and
 * the chain above it in the file. Throws, in Vietnamese, when the password is wrong, the file is
 * not a .p12, it holds no key, or the key is not RSA.
 */
export function openP12(bytes: Uint8Array, password: string): P12Signer {
  const p12 = readPfx(bytes, password);
  const key = privateKeyOf(p12);
  const { certificates, unread } = certificatesOf(p12);
  const leaf = certificates.find((cert) => sameRsaKey(cert.publicKey, key));
  if (!leaf) {
    throw new P12Error('Tệp .p12 không có chứng thư số đi cùng khóa bí mật.');
  }
  // Certificates forge cannot read (an ECDSA CA's) go after the chain it could follow: the
  // server builds the path from the whole list.
  const pems = [...chainFrom(leaf, certificates).map(certificatePem), ...unread];
  return {
    subject: nameOf(leaf.subject),
    issuer: nameOf(leaf.issuer),
    notAfter: leaf.validity.notAfter,
    certificates: () => Promise.resolve([...pems]),
    signDigest: async (digest) => signSha256Digest(key, digest),
  };
}

/**
 * The file's certificates forge reads — also those an ECDSA CA signed, which it reads only
 * without computing their digest — and, as PEM of their bytes, those it cannot (an EC key).
 */
function certificatesOf(p12: forge.pkcs12.Pkcs12Pfx) {
  const certificates: forge.pki.Certificate[] = [];
  const unread: string[] = [];
  for (const bag of bagsOf(p12, BAG.cert)) {
    if (bag.cert) {
      certificates.push(bag.cert);
      continue;
    }
    if (!bag.asn1) continue;
    try {
      certificates.push(forge.pki.certificateFromAsn1(bag.asn1, false));
    } catch {
      unread.push(
        forge.pem.encode({ type: 'CERTIFICATE', body: forge.asn1.toDer(bag.asn1).getBytes() }),
      );
    }
  }
  return { certificates, unread };
}

function readPfx(bytes: Uint8Array, password: string): forge.pkcs12.Pkcs12Pfx {
  let asn1: forge.asn1.Asn1;
  try {
    asn1 = forge.asn1.fromDer(bytesToBinary(bytes));
  } catch {
    throw new P12Error(P12_WRONG_PASSWORD);
  }
  try {
    return forge.pkcs12.pkcs12FromAsn1(asn1, true, password);
  } catch (error) {
    const message = String((error as { message?: unknown } | null)?.message ?? '');
    // PBES2 (the AES files) derives its key from the password's UTF-8 bytes, forge from its
    // char codes: a password with Vietnamese letters passes the MAC (PKCS#12's own derivation,
    // UCS-2, which forge does right) and then fails to decrypt. Forge checks the MAC first, so
    // that failure proves the password; read the contents again with the UTF-8 bytes, without
    // the MAC that would now fail.
    if (/Failed to decrypt|Unable to decrypt/i.test(message) && !/^[\x20-\x7e]*$/.test(password)) {
      try {
        return forge.pkcs12.pkcs12FromAsn1(withoutMac(asn1), true, utf8Binary(password));
      } catch {
        // The message below says it.
      }
    }
    if (/Unsupported|unsupported|Unknown/.test(message)) {
      throw new P12Error(
        `Tệp .p12 dùng thuật toán mã hóa chưa được hỗ trợ (${message}); hãy xuất lại tệp với thuật toán cũ (OpenSSL: pkcs12 -export -legacy).`,
      );
    }
    throw new P12Error(P12_WRONG_PASSWORD);
  }
}

/** The PFX without its macData (PFX ::= SEQUENCE { version, authSafe, macData OPTIONAL }). */
function withoutMac(pfx: forge.asn1.Asn1): forge.asn1.Asn1 {
  const parts = pfx.value as forge.asn1.Asn1[];
  return { ...pfx, value: parts.slice(0, 2) };
}

function utf8Binary(text: string): string {
  return bytesToBinary(new TextEncoder().encode(text));
}

function privateKeyOf(p12: forge.pkcs12.Pkcs12Pfx): forge.pki.rsa.PrivateKey {
  const bags = [...bagsOf(p12, BAG.shroudedKey), ...bagsOf(p12, BAG.key)];
  if (!bags.length) throw new P12Error('Tệp .p12 không chứa khóa bí mật để ký.');
  const rsa = bags.find((bag) => bag.key);
  if (rsa?.key) return rsa.key as forge.pki.rsa.PrivateKey;
  // forge keeps the PrivateKeyInfo it could not read: an EC key, most likely.
  const algorithm = keyAlgorithmOf(bags[0]?.asn1);
  if (algorithm === OID_EC_PUBLIC_KEY) {
    throw new P12Error(
      'Khóa trong tệp .p12 là khóa ECDSA; ký bằng tệp .p12 trên máy hiện chỉ hỗ trợ khóa RSA. Hãy ký qua dịch vụ ký số từ xa, hoặc dùng chứng thư số RSA.',
    );
  }
  throw new P12Error(
    `Khóa trong tệp .p12 không phải khóa RSA (${algorithm ?? 'không rõ loại'}); chỉ hỗ trợ khóa RSA.`,
  );
}

/** PrivateKeyInfo ::= SEQUENCE { version, AlgorithmIdentifier { algorithm OID, … }, … } */
function keyAlgorithmOf(info: forge.asn1.Asn1 | undefined): string | null {
  try {
    const parts = info?.value as forge.asn1.Asn1[] | undefined;
    const identifier = parts?.[1]?.value as forge.asn1.Asn1[] | undefined;
    const oid = identifier?.[0]?.value;
    return typeof oid === 'string' ? forge.asn1.derToOid(oid) : null;
  } catch {
    return null;
  }
}

function sameRsaKey(publicKey: forge.pki.PublicKey, key: forge.pki.rsa.PrivateKey): boolean {
  const rsa = publicKey as Partial<forge.pki.rsa.PublicKey>;
  return Boolean(rsa.n && rsa.e && rsa.n.equals(key.n) && rsa.e.equals(key.e));
}

/**
 * The leaf, then each issuer found in the file, up to but not including a self-signed root:
 * the server trusts its own anchors, not a root a file brings. Files list certificates in any
 * order, so the chain is followed by names, not by position.
 */
function chainFrom(
  leaf: forge.pki.Certificate,
  all: forge.pki.Certificate[],
): forge.pki.Certificate[] {
  const chain = [leaf];
  let current = leaf;
  while (chain.length < 10) {
    if (current.isIssuer(current)) break; // self-signed: the top
    const issuer = all.find((c) => !chain.includes(c) && safeIssued(c, current));
    if (!issuer || issuer.isIssuer(issuer)) break;
    chain.push(issuer);
    current = issuer;
  }
  return chain;
}

/**
 * The certificate as its CA wrote it. forge keeps the signed part (tbsCertificate) as read but
 * writes the outer signature algorithm anew, always with NULL parameters — not what an ECDSA- or
 * some RSA-signed certificate has, and then the certificate the server receives is not the one
 * the CA issued. RFC 5280 §4.1.1.2 has the outer algorithm equal the tbsCertificate's
 * `signature` field, so that one is copied.
 */
function certificatePem(cert: forge.pki.Certificate): string {
  const { asn1 } = forge;
  const tbs = cert.tbsCertificate;
  const fields = tbs.value as forge.asn1.Asn1[];
  // TBSCertificate ::= SEQUENCE { [0] version OPTIONAL, serialNumber, signature, … }
  const algorithm = fields[fields[0]?.tagClass === asn1.Class.CONTEXT_SPECIFIC ? 2 : 1];
  if (!algorithm) return forge.pki.certificateToPem(cert);
  const signature = cert.signature as string;
  const der = asn1.toDer(
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      tbs,
      algorithm,
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, `\0${signature}`),
    ]),
  );
  return forge.pem.encode({ type: 'CERTIFICATE', body: der.getBytes() });
}

function safeIssued(parent: forge.pki.Certificate, child: forge.pki.Certificate): boolean {
  try {
    return parent.issued(child);
  } catch {
    return false;
  }
}

// forge gives attribute values as binary strings; UTF8String ones (Vietnamese names) must be
// decoded. BMPString it decodes itself.
const UTF8_STRING = 12;

function nameOf(name: forge.pki.Certificate['subject']): string {
  const field = (short: string) => {
    const attribute = name.getField(short) as
      { value?: unknown; valueTagClass?: number } | null | undefined;
    if (!attribute || typeof attribute.value !== 'string') return null;
    if (attribute.valueTagClass !== UTF8_STRING) return attribute.value;
    try {
      return forge.util.decodeUtf8(attribute.value);
    } catch {
      return attribute.value;
    }
  };
  return field('CN') ?? field('O') ?? '(không rõ tên)';
}

// The private-key operation of RSASSA-PKCS1-v1_5 over the DigestInfo of a digest computed
// elsewhere: forge's sign() takes a message digest object and asks it only for its algorithm
// (for the DigestInfo OID) and its digest() — so one that returns the given bytes is enough.
function signSha256Digest(key: forge.pki.rsa.PrivateKey, digest: Uint8Array): Uint8Array {
  if (digest.length !== SHA256_LENGTH) {
    throw new Error(`Mã băm SHA-256 phải dài ${SHA256_LENGTH} byte (nhận ${digest.length}).`);
  }
  const precomputed = {
    algorithm: 'sha256',
    digest: () => forge.util.createBuffer(bytesToBinary(digest)),
  };
  // Only algorithm and digest() are read by forge's RSASSA-PKCS1-v1_5 encoding (lib/rsa.js).
  const md = precomputed as unknown as forge.md.MessageDigest;
  return binaryToBytes(key.sign(md, 'RSASSA-PKCS1-V1_5'));
}
