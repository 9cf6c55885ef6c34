// A remote signing service for tests, speaking the protocol of shared/signing/remote.ts
// (docs/remote-signing.md) with a key of the test CA: on a free port of 127.0.0.1, it answers
// GET {url}/certificates with the leaf's chain and POST {url}/sign with the raw RSA signature of the digest,
// and records what it was asked to sign. It can ask for an Authorization header, and be told to
// refuse (the holder declined on their phone). RSA leaves only (signDigestRaw).
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signDigestRaw, type TestLeaf } from './test-ca.ts';

export interface SignedRequest {
  /** The digest, hex. */
  digest: string;
  hashAlgorithm: unknown;
  description: unknown;
}

export interface RemoteSigningService {
  /** Base URL: {url}/certificates, {url}/sign. */
  url: string;
  signed: SignedRequest[];
  /** Every later /sign answers 403 with this message (null: sign again). */
  refuseWith(message: string | null): void;
  close(): Promise<void>;
}

const MAX_BODY = 16 * 1024;
/** Under a path, as real services are: the adapter appends to the base URL, not to the host. */
const BASE = '/ky-so/v1';

export async function startRemoteSigningService(
  leaf: TestLeaf,
  options: { authorization?: string } = {},
): Promise<RemoteSigningService> {
  if (leaf.kind !== 'RSA') throw new Error('the test signing service signs with RSA leaves only');
  const signed: SignedRequest[] = [];
  let refusal: string | null = null;

  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify(body));
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    if (options.authorization && req.headers.authorization !== options.authorization) {
      return answer(res, 401, { error: 'Chưa xác thực với dịch vụ ký số.' });
    }
    const path = (req.url ?? '').split('?')[0]?.replace(BASE, '');
    if (req.method === 'GET' && path === '/certificates') {
      return answer(res, 200, { certificates: leaf.chainPem });
    }
    if (req.method === 'POST' && path === '/sign') {
      const body = await readJson(req);
      const digest =
        typeof body?.digest === 'string' ? Buffer.from(body.digest, 'base64') : Buffer.alloc(0);
      if (body?.hashAlgorithm !== 'SHA-256' || digest.length !== 32) {
        return answer(res, 400, { error: 'Cần digest SHA-256 (32 byte, base64).' });
      }
      if (refusal) return answer(res, 403, { error: refusal });
      signed.push({
        digest: digest.toString('hex'),
        hashAlgorithm: body.hashAlgorithm,
        description: body.description,
      });
      const signature = await signDigestRaw(leaf, digest);
      return answer(res, 200, { signature: Buffer.from(signature).toString('base64') });
    }
    return answer(res, 404, { error: 'Không có.' });
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) =>
      answer(res, 500, { error: error instanceof Error ? error.message : String(error) }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${BASE}`,
    signed,
    refuseWith: (message) => {
      refusal = message;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  try {
    const value: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
