// The server as `npm start` runs it, in a process of its own (scripts/start-server.mjs), for the
// reliability tests: several instances on one database, killed with SIGKILL, restarted. Its
// output is kept so a test can read what it said (and what it must never say).
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { freePort } from './postgres-server.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface ServerProcess {
  url: string;
  port: number;
  /** Everything the process wrote to stdout and stderr so far. */
  output(): string;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  kill(signal: NodeJS.Signals): Promise<number | null>;
  /** For cleaning up: SIGTERM, and SIGKILL if it has not ended after 20 seconds. */
  stop(): Promise<void>;
  /** The same server again (same environment and port) once this one has exited. */
  restart(): Promise<ServerProcess>;
  child: ChildProcess;
}

export interface StartOptions {
  env: Record<string, string>;
  /** A fixed port, so clients keep their address across restarts (default: a free one). */
  port?: number;
  /** How long to wait for "Sẵn sàng" (the first start seeds the demo data). */
  timeoutMs?: number;
}

/** What a process said until it exited (it never got ready): its code and output. */
export class ServerExited extends Error {
  constructor(
    readonly code: number | null,
    readonly text: string,
  ) {
    super(`server exited (${code}) before it was ready:\n${text}`);
  }
}

/**
 * Starts the server as `npm start` runs it (scripts/start-server.mjs: the server's bundle, built
 * once per run by the global setup) in this very process id, so a SIGKILL reaches the server
 * itself and not a wrapper that would leave it running; waits until it says it is ready.
 */
export async function startServerProcess(options: StartOptions): Promise<ServerProcess> {
  const port = options.port ?? (await freePort());
  const child = spawn(process.execPath, ['scripts/start-server.mjs'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
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
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start in time:\n${text}`));
    }, options.timeoutMs ?? 240_000);
    const onData = () => {
      if (/Sẵn sàng tại http:\/\/\S+ /.test(text)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new ServerExited(code, text));
    });
  });
  const kill = (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    return exited;
  };
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    child,
    exited,
    output: () => text,
    kill,
    async stop() {
      const late = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await kill('SIGTERM');
      clearTimeout(late);
    },
    async restart() {
      await exited;
      return startServerProcess({ ...options, port });
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
