// A GraphQL explorer served by the server itself at GET /graphql (from a browser) and /explorer:
// one self-contained page, no CDN (offices often have little or no internet), with the contract
// operations of docs/contract loaded as examples and the schema browsable from introspection.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Kind, parse, print } from 'graphql';

export interface Example {
  name: string;
  file: string;
  comment: string;
  query: string;
}

/** The contract folder beside the checkout, or a copy inside it for deployments. */
const contractDirs = [
  fileURLToPath(new URL('../../docs/contract/', import.meta.url)),
  fileURLToPath(new URL('../../docs/contract/', import.meta.url)),
];

export function loadExamples(): Example[] {
  const dir = contractDirs.find((d) => existsSync(d));
  if (!dir) return [];
  const examples: Example[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()) {
    const text = readFileSync(dir + file, 'utf8');
    for (const def of parse(text).definitions) {
      if (def.kind !== Kind.OPERATION_DEFINITION || !def.name || !def.loc) continue;
      // The comment lines right above the operation say what it does.
      const before = text.slice(0, def.loc.start).split('\n');
      const comment: string[] = [];
      for (let i = before.length - 2; i >= 0 && before[i]!.startsWith('#'); i--) {
        comment.unshift(before[i]!.replace(/^#\s?/, ''));
      }
      examples.push({ name: def.name.value, file, comment: comment.join('\n'), query: print(def) });
    }
  }
  return examples;
}

const escapeScript = (json: string) => json.replace(/</g, '\\u003c');

export function explorerPage(examples: Example[]): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Tổng hợp — GraphQL</title>
<style>
  :root { font-family: "Segoe UI", system-ui, sans-serif; color: #242424; }
  body { margin: 0; display: grid; grid-template-rows: auto 1fr; height: 100vh; }
  header { display: flex; gap: 12px; align-items: center; padding: 8px 12px; background: #0f6cbd; color: white; }
  header h1 { font-size: 16px; margin: 0 12px 0 0; }
  header select, header input { font: inherit; padding: 4px 6px; border-radius: 4px; border: 1px solid #ccc; }
  header input { width: 26em; }
  main { display: grid; grid-template-columns: 1fr 1fr 22em; gap: 8px; padding: 8px; min-height: 0; }
  section { display: flex; flex-direction: column; min-height: 0; }
  label { font-size: 12px; color: #616161; margin: 4px 0; }
  textarea, pre { font: 13px/1.45 Consolas, "Cascadia Mono", monospace; border: 1px solid #d1d1d1; border-radius: 4px; padding: 8px; margin: 0; }
  textarea { resize: none; }
  #query { flex: 3; } #variables { flex: 1; }
  pre { flex: 1; overflow: auto; background: #fafafa; white-space: pre-wrap; }
  button { font: inherit; background: #0f6cbd; color: white; border: 0; border-radius: 4px; padding: 6px 16px; cursor: pointer; }
  header button { background: white; color: #0f6cbd; font-weight: 600; }
  #comment { font-size: 12px; color: #424242; white-space: pre-wrap; margin: 4px 0 8px; }
  #docs { overflow: auto; font-size: 13px; border-left: 1px solid #e0e0e0; padding-left: 8px; }
  #docs input { width: 100%; box-sizing: border-box; font: inherit; padding: 4px; margin-bottom: 6px; }
  #docs details { margin: 2px 0; } #docs summary { cursor: pointer; font-weight: 600; }
  #docs .f { margin-left: 12px; font-family: Consolas, monospace; font-size: 12px; }
  #docs .d { color: #616161; font-family: inherit; }
</style>
</head>
<body>
<header>
  <h1>Tổng hợp · GraphQL</h1>
  <select id="examples" aria-label="Ví dụ"><option value="">— Ví dụ trong hợp đồng API —</option></select>
  <input id="token" placeholder="Token (Authorization: Bearer …)" aria-label="Token">
  <button id="run" title="Ctrl+Enter">Chạy ▶</button>
</header>
<main>
  <section>
    <div id="comment"></div>
    <label for="query">Truy vấn / Query</label>
    <textarea id="query" spellcheck="false">{ me { name email roles org { name } } }</textarea>
    <label for="variables">Biến / Variables (JSON)</label>
    <textarea id="variables" spellcheck="false">{}</textarea>
  </section>
  <section>
    <label>Kết quả / Result</label>
    <pre id="result"></pre>
  </section>
  <section id="docs">
    <label for="filter">Lược đồ / Schema</label>
    <input id="filter" placeholder="Lọc kiểu, trường…">
    <div id="types">Đang tải lược đồ…</div>
  </section>
</main>
<script>
const EXAMPLES = ${escapeScript(JSON.stringify(examples))};
const $ = (id) => document.getElementById(id);
const VARIABLES = {
  Login: { email: 'syte.nghean@demo.vn', password: 'demo-2023' },
  Orgs: { search: 'so y te', first: 10 },
  Plans: { search: 'chuyen doi so ha tinh', first: 10 },
  ReportingPeriod: { kind: 'QUARTER', year: 2024, number: 1 },
  CreateApiToken: { name: 'Excel' },
};
for (const ex of EXAMPLES) {
  const o = document.createElement('option');
  o.value = ex.name; o.textContent = ex.name + ' (' + ex.file + ')';
  $('examples').append(o);
}
$('examples').onchange = () => {
  const ex = EXAMPLES.find((e) => e.name === $('examples').value);
  if (!ex) return;
  $('query').value = ex.query;
  $('comment').textContent = ex.comment;
  $('variables').value = JSON.stringify(VARIABLES[ex.name] || {}, null, 2);
};
$('token').value = localStorage.getItem('tonghop.token') || '';
$('token').onchange = () => localStorage.setItem('tonghop.token', $('token').value.trim());
async function call(query, variables) {
  const headers = { 'content-type': 'application/json' };
  const token = $('token').value.trim();
  if (token) headers.authorization = 'Bearer ' + token;
  const res = await fetch(location.pathname.startsWith('/explorer') ? '/graphql' : location.pathname, {
    method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return res.json();
}
async function run() {
  let variables;
  try { variables = JSON.parse($('variables').value || '{}'); }
  catch { $('result').textContent = 'Biến không phải JSON hợp lệ.'; return; }
  $('result').textContent = '…';
  try {
    const json = await call($('query').value, variables);
    const token = json && json.data && json.data.login && json.data.login.token;
    if (token) { $('token').value = token; localStorage.setItem('tonghop.token', token); }
    $('result').textContent = JSON.stringify(json, null, 2);
  } catch (e) { $('result').textContent = 'Không gọi được máy chủ: ' + e; }
}
$('run').onclick = run;
document.addEventListener('keydown', (e) => { if (e.ctrlKey && e.key === 'Enter') run(); });
const typeName = (t) => t.kind === 'NON_NULL' ? typeName(t.ofType) + '!' : t.kind === 'LIST' ? '[' + typeName(t.ofType) + ']' : t.name;
call('{ __schema { types { name kind description fields { name description type { kind name ofType { kind name ofType { kind name ofType { kind name } } } } args { name type { kind name ofType { kind name ofType { kind name } } } } } inputFields { name type { kind name ofType { kind name ofType { kind name } } } } enumValues { name } } } }', {})
  .then((json) => {
    const types = json.data.__schema.types.filter((t) => !t.name.startsWith('__')).sort((a, b) => (a.name === 'Query' ? -1 : b.name === 'Query' ? 1 : a.name === 'Mutation' ? -1 : b.name === 'Mutation' ? 1 : a.name.localeCompare(b.name)));
    const render = (filter) => {
      const f = filter.toLowerCase();
      $('types').innerHTML = '';
      for (const t of types) {
        const rows = (t.fields || t.inputFields || []).map((x) => [x.name + (x.args && x.args.length ? '(' + x.args.map((a) => a.name + ': ' + typeName(a.type)).join(', ') + ')' : '') + ': ' + typeName(x.type), x.description]);
        for (const v of t.enumValues || []) rows.push([v.name, null]);
        if (f && !t.name.toLowerCase().includes(f) && !rows.some((r) => r[0].toLowerCase().includes(f))) continue;
        const d = document.createElement('details');
        if (f || t.name === 'Query') d.open = true;
        const s = document.createElement('summary'); s.textContent = t.name; d.append(s);
        if (t.description) { const p = document.createElement('div'); p.className = 'f d'; p.textContent = t.description; d.append(p); }
        for (const [sig, desc] of rows) { const p = document.createElement('div'); p.className = 'f'; p.textContent = sig; if (desc) p.title = desc; d.append(p); }
        $('types').append(d);
      }
    };
    render('');
    $('filter').oninput = () => render($('filter').value);
  })
  .catch(() => { $('types').textContent = 'Không tải được lược đồ.'; });
</script>
</body>
</html>`;
}
