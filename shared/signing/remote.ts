// A remote signing service ("ký số từ xa": the key stays in the provider's HSM, the holder confirms
// on their phone) behind the DigestSigner interface, over a small HTTP JSON protocol that a thin
// adapter in front of any provider can speak. Documented for integrators in docs/remote-signing.md.
//
//   GET  {url}/certificates
//        → 200 { "certificates": ["-----BEGIN CERTIFICATE-----…", …] }
//          the holder's chain, leaf first, PEM or base64 DER; the root may be left out.
//   POST {url}/sign
//        { "digest": "<base64 of 32 bytes>", "hashAlgorithm": "SHA-256",
//          "description": "Ký số báo cáo … phiên bản 3" }
//        → 200 { "signature": "<base64>" }
//          RSA: RSASSA-PKCS1-v1_5 over the DigestInfo of that digest; ECDSA: DER (or r‖s).
//          The service may hold the request until the holder confirms (minutes).
//   Errors: any non-2xx status, with { "error": "message for the signer" } when it can.
//   Authentication: the Authorization header given to the adapter, sent as is on both calls.
//
// Shared by the pane and the CLI: `fetch` is passed in (the browser's, Node's, or a test's).
import { base64ToBytes, bytesToBase64 } from './base64.ts';
import { SHA256_LENGTH, type DigestSigner, type SigningContext } from './digest-signer.ts';

/** The part of fetch the adapter uses, so Node's, the browser's and a test's all fit. */
export type FetchLike = (
  url: string,
  init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string },
) => Promise<{ ok: boolean; status: number; text(): Promise<string> }>;

export interface RemoteSignerOptions {
  /** The service's base URL; /certificates and /sign are appended. */
  url: string;
  fetch: FetchLike;
  /** The Authorization header's value ("Bearer …"), when the service asks for one. */
  authorization?: string | null;
  /** How messages name the service; its host by default. */
  name?: string;
}

class RemoteSigningError extends Error {
  override name = 'RemoteSigningError';
}

export function remoteSigner(options: RemoteSignerOptions): DigestSigner {
  const base = options.url.replace(/\/+$/, '');
  const name = options.name ?? hostOf(base);
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.authorization) headers.authorization = options.authorization;

  const call = async (path: string, body?: unknown): Promise<Record<string, unknown>> => {
    let response: Awaited<ReturnType<FetchLike>>;
    try {
      response = await options.fetch(`${base}${path}`, {
        method: body === undefined ? 'GET' : 'POST',
        headers: body === undefined ? headers : { ...headers, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new RemoteSigningError(
        `Không kết nối được dịch vụ ký số ${name} (${base}): ${messageOf(error)}`,
      );
    }
    const text = await response.text().catch(() => '');
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      // Said below, with the status.
    }
    const record = isRecord(json) ? json : null;
    if (!response.ok) {
      const said = typeof record?.error === 'string' ? record.error : text.slice(0, 200).trim();
      throw new RemoteSigningError(
        `Dịch vụ ký số ${name} từ chối (HTTP ${response.status})${said ? `: ${said}` : '.'}`,
      );
    }
    if (!record) {
      throw new RemoteSigningError(`Dịch vụ ký số ${name} trả lời không phải JSON.`);
    }
    return record;
  };

  let chain: Promise<string[]> | null = null;
  return {
    certificates() {
      chain ??= call('/certificates').then((answer) => {
        const list = answer.certificates;
        if (!Array.isArray(list) || !list.length || !list.every((c) => typeof c === 'string')) {
          throw new RemoteSigningError(
            `Dịch vụ ký số ${name} không trả về chuỗi chứng thư (certificates).`,
          );
        }
        return list.map((c: string) => toPem(c, name));
      });
      // A failed attempt is not kept: the next one asks again.
      chain.catch(() => (chain = null));
      return chain.then((list) => [...list]);
    },
    async signDigest(digest: Uint8Array, context?: SigningContext) {
      if (digest.length !== SHA256_LENGTH) {
        throw new Error(`Mã băm SHA-256 phải dài ${SHA256_LENGTH} byte (nhận ${digest.length}).`);
      }
      const answer = await call('/sign', {
        digest: bytesToBase64(digest),
        hashAlgorithm: 'SHA-256',
        description: context?.description ?? 'Ký số báo cáo (Tổng hợp)',
      });
      if (typeof answer.signature !== 'string' || !answer.signature) {
        throw new RemoteSigningError(`Dịch vụ ký số ${name} không trả về chữ ký (signature).`);
      }
      try {
        return base64ToBytes(answer.signature);
      } catch {
        throw new RemoteSigningError(`Chữ ký dịch vụ ký số ${name} trả về không phải base64.`);
      }
    },
  };
}

/** PEM as the server and the p12 adapter give it; base64 DER wrapped, 64 characters a line. */
function toPem(certificate: string, name: string): string {
  const text = certificate.trim();
  if (text.startsWith('-----BEGIN CERTIFICATE-----')) return `${text}\n`;
  const body = text.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(body)) {
    throw new RemoteSigningError(`Dịch vụ ký số ${name} trả về chứng thư không đọc được.`);
  }
  const lines = body.match(/.{1,64}/g) ?? [];
  return `-----BEGIN CERTIFICATE-----\n${lines.join('\n')}\n-----END CERTIFICATE-----\n`;
}

function hostOf(url: string): string {
  const match = /^[a-z]+:\/\/([^/]+)/i.exec(url);
  return match?.[1] ?? url;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Duck-typed: errors from another realm (Node's fetch under jest) fail `instanceof Error`. */
function messageOf(error: unknown): string {
  const text = (value: unknown) => {
    const message = (value as { message?: unknown } | null)?.message;
    return typeof message === 'string' ? message : null;
  };
  // Node's fetch hides the reason (ECONNREFUSED …) in `cause`.
  const cause = text((error as { cause?: unknown } | null)?.cause);
  const said = text(error) ?? String(error);
  return cause ? `${said} (${cause})` : said;
}
