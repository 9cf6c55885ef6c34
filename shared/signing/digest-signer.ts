// What every signing means offers the product — a .p12 file opened in the pane (p12.ts), a remote
// signing service (remote.ts), a USB token's plugin one day: a SHA-256 digest in, the raw
// signature and the certificate chain out. The server builds the CMS from them and verifies it
// (server/signatures/verify.ts), so a means of signing needs to do no more than this.

export interface DigestSigner {
  /** PEM certificates, leaf first (intermediates after; the root may be omitted). */
  certificates(): Promise<string[]>;
  /**
   * Raw signature of a 32-byte SHA-256 digest, the digest itself (not the content) being given:
   * - RSA: RSASSA-PKCS1-v1_5, i.e. the private-key operation over the DER DigestInfo
   *   (sha256 OID with NULL parameters, then the digest) with block type 1 padding — the bytes
   *   of the signature, as long as the modulus;
   * - ECDSA: the DER SEQUENCE { r INTEGER, s INTEGER } (X9.62), as tokens and remote services
   *   mostly return it; IEEE P1363 r‖s (WebCrypto's form) is accepted too — the server tells
   *   them apart by length and structure and converts (server/signatures/cms.ts).
   */
  signDigest(digest: Uint8Array, context?: SigningContext): Promise<Uint8Array>;
}

/**
 * What is being signed, in words: a remote service shows it to the holder when asking them to
 * confirm (on their phone); a local key has no one to show it to and ignores it.
 */
export interface SigningContext {
  description: string;
}

/** Length of a SHA-256 digest, checked by the adapters before they sign anything. */
export const SHA256_LENGTH = 32;
