// The add-in's files: the task pane page, its bundle, Office.js from the npm copy (the page's
// fallback when Microsoft's CDN cannot be reached), icons, and the manifest, written for the
// public HTTPS address (ADDIN_PUBLIC_URL, or the host the request named) and served over HTTPS
// only: a manifest with http:// addresses is one Office refuses.
import type http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';
import { addinManifest } from './manifest.ts';
import { sendFile, sendFromFolder } from '../http/static-files.ts';
import { HttpError, sendError } from '../http/errors.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const FOLDERS: Record<string, string> = {
  '/addin/': path.join(root, 'addin/dist'),
  '/office-js/': path.join(root, 'node_modules/@microsoft/office-js/dist'),
};
/** A square PNG icon in the product's colour, drawn here rather than shipped as a binary. */
export function iconPng(size: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // RGB
  const rows = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const edge = x < size / 8 || y < size / 8 || x >= size - size / 8 || y >= size - size / 8;
      const at = y * (1 + size * 3) + 1 + x * 3;
      rows[at] = edge ? 0x10 : 0x21;
      rows[at + 1] = edge ? 0x5a : 0x73;
      rows[at + 2] = edge ? 0x2e : 0x46;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Serves the add-in's files; false when the path is not one of them. */
export function serveAddinFile(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  where: { origin: string; secure: boolean },
): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const url = new URL(req.url ?? '/', 'http://localhost');
  const origin = where.origin;
  if (url.pathname === '/taskpane.html')
    return sendFile(res, path.join(root, 'addin/public/taskpane.html'));
  // At the root, so that its scope covers /taskpane.html; no-cache, so a new worker is seen.
  if (url.pathname === '/service-worker.js')
    return sendFile(res, path.join(root, 'addin/dist/service-worker.js'));
  if (url.pathname === '/manifest.xml' && !where.secure) {
    sendError(
      res,
      new HttpError(
        'NOT_FOUND',
        `Tệp kê khai chỉ được phục vụ qua HTTPS: ${origin}/manifest.xml / The manifest is served over HTTPS only.`,
      ),
    );
    return true;
  }
  if (url.pathname === '/manifest.xml') {
    res.writeHead(200, {
      'content-type': 'application/xml; charset=utf-8',
      'cache-control': 'no-cache',
    });
    res.end(addinManifest(origin));
    return true;
  }
  const icon = /^\/assets\/icon-(16|32|64|80|128)\.png$/.exec(url.pathname);
  if (icon) {
    res.writeHead(200, { 'content-type': 'image/png', 'cache-control': 'max-age=86400' });
    res.end(iconPng(Number(icon[1])));
    return true;
  }
  for (const [prefix, folder] of Object.entries(FOLDERS)) {
    if (sendFromFolder(res, url.pathname, prefix, folder)) return true;
  }
  return false;
}
