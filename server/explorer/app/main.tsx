// The GraphQL explorer in the browser: GraphiQL (its query editor, documentation explorer and
// history), bundled and served by the server (nothing from the internet), with the contract
// operations as saved examples and a field for the access token, sent as
// "Authorization: Bearer …" with every request unless the headers editor names its own.
/// <reference lib="dom" />
import { GraphiQL } from 'graphiql';
import 'graphiql/setup-workers/webpack';
import 'graphiql/style.css';
import { useGraphiQL, useGraphiQLActions, type GraphiQLPlugin } from '@graphiql/react';
import { StrictMode, useState } from 'react';
import { createRoot } from 'react-dom/client';

interface Example {
  name: string;
  file: string;
  comment: string;
  query: string;
}

const TOKEN_KEY = 'tonghop.explorer.token';
const examples = JSON.parse(
  document.getElementById('tonghop-examples')?.textContent ?? '[]',
) as Example[];

function storedToken(): string {
  try {
    return localStorage.getItem(TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

let token = storedToken();

async function fetcher(
  params: { query: string; variables?: unknown; operationName?: string | null },
  options?: { headers?: Record<string, unknown> },
) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token) headers.authorization = `Bearer ${token}`;
  for (const [k, v] of Object.entries(options?.headers ?? {})) headers[k.toLowerCase()] = String(v);
  const res = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify(params) });
  return res.json();
}

/** The contract's operations, each opened in a new tab with a click. */
function ExamplesList() {
  const { addTab } = useGraphiQLActions();
  const queryEditor = useGraphiQL((s) => s.queryEditor);
  return (
    <div className="tonghop-examples">
      <div className="graphiql-doc-explorer-title">Ví dụ</div>
      <p>Các thao tác của hợp đồng API (docs/contract). Bấm để mở trong thẻ mới.</p>
      {examples.map((e) => (
        <button
          key={e.name}
          type="button"
          title={e.comment}
          data-example={e.name}
          onClick={() => {
            addTab();
            // The new tab's editor comes with the next render.
            setTimeout(() =>
              queryEditor?.setValue(`# ${e.comment.split('\n').join('\n# ')}\n${e.query}`),
            );
          }}
        >
          <strong>{e.name}</strong> <span>{e.file}</span>
        </button>
      ))}
    </div>
  );
}

const examplesPlugin: GraphiQLPlugin = {
  title: 'Ví dụ',
  icon: () => <span aria-hidden>★</span>,
  content: ExamplesList,
};

function Explorer() {
  const [value, setValue] = useState(token);
  return (
    <>
      <header className="tonghop-bar">
        <strong>Tổng hợp · GraphQL</strong>
        <label>
          Mã truy cập (token)
          <input
            name="token"
            value={value}
            placeholder="dán token từ login hoặc createApiToken"
            onChange={(e) => {
              setValue(e.target.value);
              token = e.target.value.trim();
              try {
                localStorage.setItem(TOKEN_KEY, token);
              } catch {
                // a browser that keeps nothing: the token lasts this page
              }
            }}
          />
        </label>
        <a href="/schema.graphql">schema.graphql</a>
      </header>
      <GraphiQL
        fetcher={fetcher}
        plugins={[examplesPlugin]}
        defaultQuery={`# Chọn một ví dụ ở thanh bên (★) hoặc viết truy vấn; Ctrl+Enter để chạy.\n# Dán token vào ô "Mã truy cập" ở trên (lấy từ mutation login).\nquery Me {\n  me { id name email roles org { name } }\n}\n`}
      />
    </>
  );
}

createRoot(document.getElementById('graphiql')!).render(
  <StrictMode>
    <Explorer />
  </StrictMode>,
);
