// The GraphQL explorer's page at GET /graphql (from a browser): GraphiQL, bundled by
// server/explorer/webpack.config.js and served from /explorer/assets/ by this server, so nothing
// is loaded from the internet; the contract operations travel in the page as its examples.
import { fileURLToPath } from 'node:url';
import type http from 'node:http';
import { sendFromFolder } from '../http/static-files.ts';
import type { Example } from './examples.ts';

export { loadExamples, type Example } from './examples.ts';

const assets = fileURLToPath(new URL('./dist', import.meta.url));

/** JSON inside a <script> element: "</script>" in an example cannot end it. */
const escapeScript = (json: string) => json.replace(/</g, '\\u003c');

export function explorerPage(examples: Example[]): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tổng hợp · GraphQL</title>
<style>
  body { margin: 0; height: 100vh; display: flex; flex-direction: column; font-family: "Segoe UI", system-ui, sans-serif; }
  #graphiql { flex: 1; min-height: 0; display: flex; flex-direction: column; }
  #graphiql > .graphiql-container { flex: 1; min-height: 0; }
  .tonghop-bar { display: flex; gap: 16px; align-items: center; padding: 6px 12px; background: #0f6cbd; color: white; font-size: 14px; }
  .tonghop-bar input { margin-left: 8px; width: 28em; padding: 3px 6px; border-radius: 4px; border: 1px solid #ccc; font: inherit; }
  .tonghop-bar a { color: white; margin-left: auto; }
  .tonghop-examples button { display: block; width: 100%; text-align: left; margin: 2px 0; padding: 6px; border: 0; border-radius: 4px; background: none; cursor: pointer; font: inherit; color: inherit; }
  .tonghop-examples button:hover { background: hsla(var(--color-neutral), var(--alpha-background-light)); }
  .tonghop-examples span { opacity: 0.6; font-size: 0.85em; }
</style>
</head>
<body>
<div id="graphiql"><noscript>Trang này cần JavaScript.</noscript></div>
<script type="application/json" id="tonghop-examples">${escapeScript(JSON.stringify(examples))}</script>
<script src="/explorer/assets/graphiql.js"></script>
</body>
</html>
`;
}

/** The explorer's bundle (scripts, workers, fonts); false when the path is not one of them. */
export function serveExplorerAsset(res: http.ServerResponse, pathname: string): boolean {
  return sendFromFolder(res, pathname, '/explorer/assets/', assets);
}
