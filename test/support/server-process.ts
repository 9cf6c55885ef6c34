// The server as `npm start` runs it, in a process of its own (tsx server/main.ts), for the
// reliability tests: several instances on one database, killed with SIGKILL, restarted. Its
// output is kept so a test can read what it said (and what it must never say).
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = path.join(root, 'node_modules/.bin/tsx');

export interface ServerProcess {
  url: string;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): Promise<number | null>;
  child: ChildProcess;
}

export interface StartOptions {
  env: Record<string, string>;
  /** How long to wait for "Sẵn sàng" (the first start seeds the demo data). */
  timeoutMs?: number;
}

/** Starts `tsx server/main.ts` on a free port and waits until it says it is ready. */
export async function startServerProcess(options: StartOptions): Promise<ServerProcess> {
  const child = spawn(tsx, ['server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      ADDIN_PORT: 'off',
      NODE_ENV: 'production',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout!.on('data', (d: Buffer) => (text += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (text += d.toString()));
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in time:\n${text}`));
    }, options.timeoutMs ?? 240_000);
    const onData = () => {
      const m = /Sẵn sàng tại (http:\/\/\S+) /.exec(text);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}) before it was ready:\n${text}`));
    });
  });
  return {
    url,
    child,
    exited,
    output: () => text,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}

export interface GraphqlAnswer<T = Record<string, unknown>> {
  status: number;
  /** The body as received, to look for what must never leak. */
  text: string;
  data?: T | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

/** One GraphQL POST; a body that is not JSON is kept as text with no data. */
export async function graphql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
  signal?: AbortSignal,
): Promise<GraphqlAnswer<T>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query, variables }),
    signal,
  });
  const text = await res.text();
  let body: Omit<GraphqlAnswer<T>, 'status' | 'text'> = {};
  try {
    body = JSON.parse(text) as typeof body;
  } catch {
    // not JSON: the test looks at status and text
  }
  return { ...body, status: res.status, text };
}
