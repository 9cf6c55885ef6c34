// `npm run sign` against a real server trusting the test CA: staff present a report that needs a
// signature, the leader approves it, then signs from the command line — with a .p12 (the CLI in a
// process of its own, passwords from the environment, "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC") and again
// through a remote signing service — and the server says valid; the signed PDF copy downloads;
// once sent, the consolidating department reads "hợp lệ". Mistakes end with exit code 1 and a
// Vietnamese message: a wrong .p12 password (before anything reaches the server), a version
// that is not the approved one, a password given as an argument, no account to sign in with.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { main, type CliIo } from '../../../server/signatures/sign-cli.ts';
import {
  startRemoteSigningService,
  type RemoteSigningService,
} from '../../support/remote-signing-service.ts';
import { fullReport, openApprovalRequest } from '../../support/reports.ts';
import { startTestServer, type TestServer } from '../../support/server.ts';
import { makeTestCa, type TestCa } from '../../support/test-ca.ts';
import type { Json } from '../../support/json.ts';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const LEADER = 'giamdoc.syte.nghean@demo.vn';

/** The CLI as `npm run sign` runs it (tsx), in its own process. */
function runCli(args: string[], env: Record<string, string>) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'server/signatures/sign-cli.ts', ...args],
      { cwd: root, env: { ...process.env, ...env }, timeout: 60_000 },
      (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** The CLI in this process, its output kept, with no terminal to ask a password on. */
async function runInProcess(args: string[], env: Record<string, string>) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    env,
    out: (line) => out.push(line),
    err: (line) => err.push(line),
    askSecret: (question) => Promise.reject(new Error(`không được hỏi: ${question}`)),
    fetch: (input, init) => fetch(input, init),
  };
  const code = await main(args, io);
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

describe('npm run sign', () => {
  let ca: TestCa;
  let server: TestServer;
  let service: RemoteSigningService;
  let dir: string;
  let p12Path: string;
  let requestId: string;
  let submissionId: string;
  let version: number;
  let leader: string;

  beforeAll(async () => {
    ca = await makeTestCa();
    dir = mkdtempSync(join(tmpdir(), 'sign-cli-'));
    const trust = ca.writeTrustFiles(dir);
    p12Path = join(dir, 'nguyen-van-an.p12');
    writeFileSync(p12Path, ca.leaf.p12('Mật khẩu 2031'));
    service = await startRemoteSigningService(ca.leaf);
    server = await startTestServer('pglite', {
      TRUST_ANCHORS: trust.anchors,
      TRUST_CRLS: trust.crls,
    });

    ({ requestId } = await openApprovalRequest(server, { requiresSignature: true }));
    const staff = await server.login('syte.nghean@demo.vn');
    leader = await server.login(LEADER);
    const saved = await server.gql<Json>(
      `mutation($input: SaveReportInput!) {
        saveReport(input: $input) { submission { id status version } problems { message } }
      }`,
      {
        input: {
          requestId,
          baseVersion: 0,
          idempotencyKey: 'sign-cli-1',
          submit: true,
          answers: fullReport.answers,
          tables: fullReport.tables,
        },
      },
      staff,
    );
    const submission = saved.data?.saveReport?.submission;
    expect(submission).toMatchObject({ status: 'PENDING_APPROVAL' });
    submissionId = submission.id;
    version = submission.version;
    const approved = await server.gql<Json>(
      'mutation($id: ID!, $v: Int!) { approveSubmission(id: $id, version: $v) { status } }',
      { id: submissionId, v: version },
      leader,
    );
    expect(approved.data?.approveSubmission).toEqual({ status: 'APPROVED' });
  }, 180_000);

  afterAll(async () => {
    await service?.close();
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const common = () => [
    '--server',
    server.app.url,
    '--email',
    LEADER,
    '--submission',
    submissionId,
  ];
  const signature = async () =>
    (
      await server.gql<Json>(
        `{ approvalQueue { id status signature {
            valid summary form signerOffice signerTitle signerName signedCopyUrl } } }`,
        {},
        leader,
      )
    ).data!.approvalQueue.find((s: Json) => s.id === submissionId).signature as Json;

  test('with a .p12: "KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC", the server says valid', async () => {
    const run = await runCli(
      [
        ...common(),
        '--version',
        String(version),
        '--p12',
        p12Path,
        '--form',
        'KT',
        '--office',
        'Giám đốc',
        '--title',
        'Phó Giám đốc',
      ],
      { P12_PASSWORD: 'Mật khẩu 2031', TONGHOP_PASSWORD: 'demo-2023' },
    );
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain(
      'Người ký: Nguyễn Văn An — chứng thư do Tổng hợp Test CA cấp 2 cấp',
    );
    expect(run.stdout).toContain('Hình thức ký: KT. GIÁM ĐỐC / PHÓ GIÁM ĐỐC');
    expect(run.stdout).toMatch(/Máy chủ: Đã ký số bởi Nguyễn Văn An .*hợp lệ/);

    expect(await signature()).toMatchObject({
      valid: true,
      form: 'KT',
      signerOffice: 'GIÁM ĐỐC',
      signerTitle: 'PHÓ GIÁM ĐỐC',
      signerName: 'Nguyễn Văn An',
    });
    // The signed PDF copy, PAdES, for whoever may read the report.
    const url = (await signature()).signedCopyUrl as string;
    expect(run.stdout).toContain(`Bản PDF đã ký số: ${server.app.url}${url}`);
    const pdf = await fetch(`${server.app.url}${url}`, {
      headers: { authorization: `Bearer ${leader}` },
    });
    expect(pdf.status).toBe(200);
    const bytes = Buffer.from(await pdf.arrayBuffer());
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.toString('latin1')).toContain('/SubFilter /ETSI.CAdES.detached');
  });

  test('mistakes: exit code 1 and a Vietnamese message', async () => {
    const wrongPassword = await runInProcess([...common(), '--p12', p12Path], {
      P12_PASSWORD: 'sai',
      TONGHOP_PASSWORD: 'demo-2023',
    });
    expect(wrongPassword).toEqual({
      code: 1,
      stdout: '',
      stderr: 'Sai mật khẩu hoặc tệp .p12 không đọc được.',
    });

    const noFile = await runInProcess([...common(), '--p12', join(dir, 'khong-co.p12')], {});
    expect(noFile.code).toBe(1);
    expect(noFile.stderr).toContain('không có tệp này');

    const asArgument = await runInProcess([...common(), '--password', 'demo-2023'], {});
    expect(asArgument.code).toBe(1);
    expect(asArgument.stderr).toMatch(
      /^Không nhận mật khẩu hay phiên đăng nhập qua tham số \(--password\)/,
    );

    const needsOffice = await runInProcess([...common(), '--p12', p12Path, '--form', 'KT.'], {});
    expect(needsOffice.code).toBe(1);
    expect(needsOffice.stderr).toContain('Hình thức KT. cần --office');

    const noAccount = await runInProcess(
      ['--server', server.app.url, '--submission', submissionId, '--p12', p12Path],
      { P12_PASSWORD: 'Mật khẩu 2031' },
    );
    expect(noAccount).toMatchObject({ code: 1, stderr: expect.stringMatching(/^Cần --email/) });

    const noTerminal = await runInProcess([...common(), '--p12', p12Path], {});
    expect(noTerminal).toMatchObject({
      code: 1,
      stderr: expect.stringContaining('không được hỏi'),
    });

    // A version other than the one approved: refused before anything is signed.
    const signedBefore = service.signed.length;
    const stale = await runInProcess(
      [...common(), '--version', String(version + 5), '--remote', service.url],
      { TONGHOP_PASSWORD: 'demo-2023' },
    );
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/phiên bản/);
    expect(service.signed).toHaveLength(signedBefore);
  });

  test('through a remote signing service; then sent, the Sở reads "hợp lệ"', async () => {
    const before = service.signed.length;
    // Signed in already: the session's token from the environment, no --email.
    const run = await runInProcess(
      [
        '--server',
        server.app.url,
        '--submission',
        submissionId,
        '--remote',
        service.url,
        '--form',
        'direct',
        '--title',
        'Giám đốc',
      ],
      { TONGHOP_TOKEN: leader },
    );
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toContain(`Ký phiên bản hiện tại của báo cáo: ${version}.`);
    expect(run.stdout).toMatch(/Máy chủ: Đã ký số bởi Nguyễn Văn An .*hợp lệ/);
    // The report's digest and the PDF copy's, each with what it is about.
    expect(service.signed.slice(before).map((s) => s.description)).toEqual([
      expect.stringMatching(/^Ký số báo cáo “.+” của Sở Y tế.*, phiên bản \d+$/),
      expect.stringMatching(/ — bản PDF$/),
    ]);
    expect(await signature()).toMatchObject({
      valid: true,
      form: 'DIRECT',
      signerTitle: 'GIÁM ĐỐC',
    });

    const sent = await server.gql<Json>(
      'mutation($id: ID!) { sendSubmission(id: $id) { status signature { valid summary } } }',
      { id: submissionId },
      leader,
    );
    expect(sent.data?.sendSubmission).toMatchObject({
      status: 'SUBMITTED',
      signature: { valid: true, summary: expect.stringMatching(/^Đã ký số bởi .*hợp lệ$/) },
    });
    const consolidator = await server.login('stttt.nghean@demo.vn');
    const seen = await server.gql<Json>(
      'query($id: ID!) { reportRequest(id: $id) { submissions { id signature { valid summary } } } }',
      { id: requestId },
      consolidator,
    );
    expect(seen.data?.reportRequest.submissions).toEqual([
      {
        id: submissionId,
        signature: {
          valid: true,
          summary: expect.stringMatching(/^Đã ký số bởi Nguyễn Văn An .*, hợp lệ$/),
        },
      },
    ]);
  });
});
