// `npm run sign`: a leader (or a script acting for one) signs an approved report from the command
// line, with a .p12 file or a remote signing service, as the pane does it (shared/signing): the
// key stays on this machine or in the service; only the raw signatures and the chain go to the
// server, which verifies them and answers with its verdict.
//
//   npm run sign -- --server http://localhost:4000 --email giamdoc.syte.nghean@demo.vn \
//     --submission <id> [--version N] --p12 chu-ky.p12 --form KT --office "GIÁM ĐỐC" \
//     --title "PHÓ GIÁM ĐỐC"
//   npm run sign -- … --remote https://ky-so.example.vn/api   (instead of --p12)
//
// Secrets are never arguments (they would show in the process list and the shell history):
// the .p12 password comes from P12_PASSWORD or is asked on the terminal without echo; the
// account's password from TONGHOP_PASSWORD or asked; or, without --email, a session token from
// TONGHOP_TOKEN. A remote service's Authorization header from REMOTE_SIGNING_AUTHORIZATION.
import { X509Certificate } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { DigestSigner } from '../../shared/signing/digest-signer.ts';
import { SIGNING_FORMS, signingFormOf, signingLine } from '../../shared/signing/forms.ts';
import { openP12 } from '../../shared/signing/p12.ts';
import { remoteSigner } from '../../shared/signing/remote.ts';
import { signReport, type GraphqlCall } from '../../shared/signing/sign-report.ts';
import { formatVietnamDay } from '../../shared/time/vietnam.ts';

export interface CliIo {
  env: Record<string, string | undefined>;
  out(line: string): void;
  err(line: string): void;
  /** Asks for a secret without echo; rejects when there is no terminal to ask on. */
  askSecret(question: string): Promise<string>;
  fetch: typeof fetch;
}

const USAGE = `Ký số báo cáo đã duyệt (Tổng hợp)

  npm run sign -- --server URL --email EMAIL --submission ID [--version N]
                  (--p12 TỆP.p12 | --remote URL) [--form KT] [--office "GIÁM ĐỐC"] [--title "PHÓ GIÁM ĐỐC"]

  --server      địa chỉ máy chủ Tổng hợp (mặc định TONGHOP_SERVER hoặc http://localhost:4000)
  --email       tài khoản lãnh đạo đơn vị; mật khẩu lấy từ TONGHOP_PASSWORD hoặc hỏi
                (không có --email: dùng phiên đăng nhập trong TONGHOP_TOKEN)
  --submission  mã báo cáo cần ký
  --version     phiên bản đã xem và duyệt; không ký nếu báo cáo đã đổi
                (bỏ trống: ký phiên bản hiện tại)
  --p12         tệp chứng thư số .p12/.pfx; mật khẩu lấy từ P12_PASSWORD hoặc hỏi (không hiện)
  --remote      địa chỉ dịch vụ ký số từ xa (docs/remote-signing.md);
                tiêu đề Authorization lấy từ REMOTE_SIGNING_AUTHORIZATION
  --form        hình thức ký: ${SIGNING_FORMS.map((f) => f.code).join(', ')} (mặc định DIRECT)
  --office      chức vụ người đứng đầu mà hình thức ký nhắc tới ("GIÁM ĐỐC", "ỦY BAN NHÂN DÂN")
  --title       chức vụ của người ký ("PHÓ GIÁM ĐỐC", "CHỦ TỊCH")`;

const NO_ACCOUNT =
  'Cần --email (mật khẩu trong TONGHOP_PASSWORD hoặc nhập khi được hỏi), hoặc phiên đăng nhập trong biến môi trường TONGHOP_TOKEN.';

class CliError extends Error {
  override name = 'CliError';
}

/** Runs the command; the exit code is returned (0: signed and the server says valid). */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  try {
    return await run(argv, io);
  } catch (error) {
    io.err(messageOf(error));
    return 1;
  }
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const options = parseOptions(argv);
  if (options.help) {
    io.out(USAGE);
    return 0;
  }
  const server = (options.server ?? io.env.TONGHOP_SERVER ?? 'http://localhost:4000').replace(
    /\/+$/,
    '',
  );
  const submissionId = required(options.submission, '--submission');
  const form = signingFormOf(options.form ?? 'DIRECT');
  if (!form) {
    throw new CliError(
      `Hình thức ký "${options.form}" không có; chọn một trong ${SIGNING_FORMS.map((f) => f.code).join(', ')}.`,
    );
  }
  if (form !== 'DIRECT' && !options.office?.trim()) {
    throw new CliError(
      `Hình thức ${form}. cần --office: chức vụ người đứng đầu mà người ký ký thay ("GIÁM ĐỐC", "ỦY BAN NHÂN DÂN").`,
    );
  }
  const expected = options.version === undefined ? null : versionOf(options.version);
  if (Boolean(options.p12) === Boolean(options.remote)) {
    throw new CliError('Chọn một cách ký: --p12 TỆP hoặc --remote URL.');
  }
  if (!options.email && !io.env.TONGHOP_TOKEN?.trim()) throw new CliError(NO_ACCOUNT);

  // The signing means first: a wrong .p12 password is said before anything goes to the server.
  const signer = await signerOf(options, io);
  const chain = await signer.certificates();
  describeSigner(chain, io);
  const lines = signingLine(form, options.office, options.title);
  if (lines.length) io.out(`Hình thức ký: ${lines.join(' / ')}`);

  const gql = graphqlClient(server, await tokenOf(server, options, io), io);
  let version = expected;
  if (version === null) {
    version = await currentVersion(gql, submissionId);
    io.out(`Ký phiên bản hiện tại của báo cáo: ${version}.`);
  }
  const result = await signReport(gql, {
    submissionId,
    version,
    signer,
    form,
    signerOffice: options.office?.trim() || null,
    signerTitle: options.title?.trim() || null,
  });
  const verdict = `Máy chủ: ${result.summary}`;
  if (!result.valid) {
    io.err(verdict);
    return 1;
  }
  io.out(verdict);
  if (result.signedCopyUrl) io.out(`Bản PDF đã ký số: ${server}${result.signedCopyUrl}`);
  return 0;
}

interface Options {
  help?: boolean;
  server?: string;
  email?: string;
  submission?: string;
  version?: string;
  p12?: string;
  remote?: string;
  form?: string;
  office?: string;
  title?: string;
}

function parseOptions(argv: string[]): Options {
  try {
    return parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        help: { type: 'boolean', short: 'h' },
        server: { type: 'string' },
        email: { type: 'string' },
        submission: { type: 'string' },
        version: { type: 'string' },
        p12: { type: 'string' },
        remote: { type: 'string' },
        form: { type: 'string' },
        office: { type: 'string' },
        title: { type: 'string' },
      },
    }).values;
  } catch (error) {
    throw new CliError(`${argumentProblem(error)}\n\n${USAGE}`);
  }
}

/** node:util's parseArgs speaks English; the person at the terminal reads Vietnamese. */
function argumentProblem(error: unknown): string {
  const code = (error as { code?: string }).code;
  const message = messageOf(error);
  const option = /'([^' ]+)/.exec(message)?.[1] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
    return /pass|token|secret|mat-?khau/i.test(option)
      ? `Không nhận mật khẩu hay phiên đăng nhập qua tham số (${option}): chúng sẽ lộ trong danh sách tiến trình. Đặt biến môi trường (P12_PASSWORD, TONGHOP_PASSWORD, TONGHOP_TOKEN) hoặc nhập khi được hỏi.`
      : `Không có tham số ${option}.`;
  }
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    return `Tham số ${option} cần một giá trị.`;
  }
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') {
    return `Thừa đối số "${option}": mỗi giá trị đi sau tên tham số của nó (--form KT).`;
  }
  return `Tham số không hợp lệ: ${message}`;
}

/** Errors from Node's internals (another realm under jest) are not always `instanceof Error`. */
function messageOf(error: unknown): string {
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}

function required(value: string | undefined, name: string): string {
  if (!value?.trim()) throw new CliError(`Thiếu ${name}.\n\n${USAGE}`);
  return value.trim();
}

function versionOf(text: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1) {
    throw new CliError(`--version phải là số nguyên dương (nhận "${text}").`);
  }
  return n;
}

async function signerOf(options: Options, io: CliIo): Promise<DigestSigner> {
  if (options.remote) {
    return remoteSigner({
      url: options.remote,
      fetch: (url, init) => io.fetch(url, init),
      authorization: io.env.REMOTE_SIGNING_AUTHORIZATION || null,
    });
  }
  const path = options.p12!;
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(path));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new CliError(
      `Không đọc được tệp ${path}${code === 'ENOENT' ? ': không có tệp này' : `: ${(error as Error).message}`}.`,
    );
  }
  const password =
    io.env.P12_PASSWORD ?? (await io.askSecret(`Mật khẩu tệp ${path.split(/[\\/]/).pop()}: `));
  return openP12(bytes, password);
}

/** Who will sign, from the leaf, so a wrong file is noticed before the server is asked. */
function describeSigner(chain: string[], io: CliIo) {
  const leaf = chain[0];
  if (!leaf) throw new CliError('Không có chứng thư số của người ký.');
  const cert = new X509Certificate(leaf);
  const cn = (dn: string) => /(?:^|\n)CN=([^\n]+)/.exec(dn)?.[1] ?? dn.replace(/\n/g, ', ');
  const until = new Date(cert.validTo);
  io.out(
    `Người ký: ${cn(cert.subject)} — chứng thư do ${cn(cert.issuer)} cấp, hiệu lực đến ${formatVietnamDay(until)}.`,
  );
  if (until.getTime() < Date.now()) {
    io.err('Chứng thư số này đã hết hạn; máy chủ sẽ từ chối chữ ký.');
  }
}

async function tokenOf(server: string, options: Options, io: CliIo): Promise<string> {
  if (!options.email) {
    const token = io.env.TONGHOP_TOKEN?.trim();
    if (!token) throw new CliError(NO_ACCOUNT);
    return token;
  }
  const password =
    io.env.TONGHOP_PASSWORD ?? (await io.askSecret(`Mật khẩu tài khoản ${options.email}: `));
  const gql = graphqlClient(server, null, io);
  const data = (await gql(
    'mutation Login($email: String!, $password: String!) { login(email: $email, password: $password) { token } }',
    { email: options.email, password },
  )) as { login?: { token?: string } } | null;
  const token = data?.login?.token;
  if (!token) throw new CliError('Đăng nhập không thành công.');
  return token;
}

async function currentVersion(gql: GraphqlCall, submissionId: string): Promise<number> {
  const data = (await gql(
    'query CurrentVersion($id: ID!) { signingPayload(submissionId: $id) { version } }',
    { id: submissionId },
  )) as { signingPayload?: { version?: number } } | null;
  const version = data?.signingPayload?.version;
  if (typeof version !== 'number') throw new CliError('Máy chủ không cho biết phiên bản cần ký.');
  return version;
}

/** GraphQL over HTTP: the data, or an error with the server's Vietnamese messages. */
function graphqlClient(server: string, token: string | null, io: CliIo): GraphqlCall {
  return async (query, variables) => {
    let response: Response;
    try {
      response = await io.fetch(`${server}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
      });
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message;
      throw new CliError(
        `Không kết nối được máy chủ ${server}: ${(error as Error).message}${cause ? ` (${cause})` : ''}`,
      );
    }
    let body: { data?: unknown; errors?: { message: string }[] };
    try {
      body = (await response.json()) as typeof body;
    } catch {
      throw new CliError(`Máy chủ ${server} trả lời không phải GraphQL (HTTP ${response.status}).`);
    }
    if (body.errors?.length) {
      throw new CliError(body.errors.map((e) => e.message).join('\n'));
    }
    return body.data ?? null;
  };
}

/** Asks on the terminal with the characters not shown; Ctrl-C cancels. */
function askOnTerminal(question: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    return Promise.reject(
      new CliError(
        `Không có terminal để hỏi "${question.replace(/:\s*$/, '')}": đặt biến môi trường (P12_PASSWORD, TONGHOP_PASSWORD).`,
      ),
    );
  }
  return new Promise((resolve, reject) => {
    process.stderr.write(question);
    let value = '';
    const finish = () => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      process.stderr.write('\n');
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          finish();
          resolve(value);
          return;
        }
        if (ch === '\u0003') {
          finish();
          reject(new CliError('Đã hủy.'));
          return;
        }
        if (ch === '\u007f' || ch === '\b') value = Array.from(value).slice(0, -1).join('');
        else value += ch;
      }
    };
    input.setRawMode(true);
    input.setEncoding('utf8');
    input.on('data', onData);
    input.resume();
  });
}

function processIo(): CliIo {
  return {
    env: process.env,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    askSecret: askOnTerminal,
    fetch: (input, init) => fetch(input, init),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
