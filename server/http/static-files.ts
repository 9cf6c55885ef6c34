// Files served as they are (the add-in's bundle, Office.js, the explorer's bundle): the type by
// extension, never a path outside the folder asked for.
import { createReadStream, existsSync, statSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Sends a file; false when there is none. */
export function sendFile(
  res: http.ServerResponse,
  file: string,
  cacheControl = 'no-cache',
): boolean {
  if (!existsSync(file) || !statSync(file).isFile()) return false;
  res.writeHead(200, {
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'cache-control': cacheControl,
  });
  createReadStream(file).pipe(res);
  return true;
}

/** A file of `folder` named by what follows `prefix` in the URL's path; false when none. */
export function sendFromFolder(
  res: http.ServerResponse,
  pathname: string,
  prefix: string,
  folder: string,
): boolean {
  if (!pathname.startsWith(prefix)) return false;
  let name: string;
  try {
    name = decodeURIComponent(pathname.slice(prefix.length));
  } catch {
    return false;
  }
  const file = path.resolve(folder, name);
  // Nothing outside the folder, whatever the path says ("../../").
  if (!file.startsWith(folder + path.sep)) return false;
  return sendFile(res, file);
}
