// The leader's approval and digital signature in the task pane, in real Chromium against a real
// server on the embedded database that trusts a test CA made here, only Excel played by the strict
// double (Microsoft 365, a vi-VN person). Sở KH&CN opens a request to Sở Y tế asking for the
// leader's approval and signature; staff fill it and present it ("Chờ duyệt", read-only to them,
// and so it shows on the consolidator's completeness);
// the leader opens it read-only, approves it, signs it as "KT. GIÁM ĐỐC – PHÓ GIÁM ĐỐC" with a
// .p12 file and its password in the pane (a wrong password first: said in an alert), and sends it;
// the consolidator reads "Đã ký số bởi Nguyễn Văn An …, hợp lệ" and the report's history.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { excelBook, openTaskpane, signIn, type TaskpaneSession } from '../../support/browser.ts';
import { fullReport, openApprovalRequest } from '../../support/reports.ts';
import type { TestServer } from '../../support/server.ts';
import { makeTestCa, type TestCa } from '../../support/test-ca.ts';

const screenshots = fileURLToPath(new URL('../../../.tmp/screenshots/', import.meta.url));
const AGENCY = 'Sở Y tế tỉnh Nghệ An';
const TITLE = 'Báo cáo 6 tháng cần lãnh đạo ký số';
const P12_PASSWORD = 'mat-khau-chu-ky-2031';

describe('approval and signing in the task pane', () => {
  let session: TaskpaneSession;
  let server: TestServer;
  let page: Page;
  let ca: TestCa;
  let trustDir: string;
  let requestId: string;
  const book = excelBook(() => page);
  const signOut = async () => {
    await page.getByText('Đăng xuất').click();
    await page.getByRole('button', { name: 'Đăng nhập' }).waitFor();
  };

  beforeAll(async () => {
    ca = await makeTestCa();
    trustDir = mkdtempSync(path.join(tmpdir(), 'tonghop-trust-'));
    const trust = ca.writeTrustFiles(trustDir);
    session = await openTaskpane({
      viewport: { width: 380, height: 1200 },
      excel: { api: '1.18', locale: 'vi-VN' },
      serverEnv: { TRUST_ANCHORS: trust.anchors, TRUST_CRLS: trust.crls },
    });
    ({ server, page } = session);
    // Before anyone opens the pane: the consolidator asks for approval and a signature.
    ({ requestId } = await openApprovalRequest(server, { requiresSignature: true, title: TITLE }));
  }, 180_000);
  afterAll(async () => {
    await session?.close();
    if (trustDir) rmSync(trustDir, { recursive: true, force: true });
  });

  test('staff present, the leader approves, signs with a .p12 and sends; the Sở sees it valid', async () => {
    const prisma = server.app.db.prisma;
    const card = page.locator(`[data-request="${requestId}"]`);

    // ── Staff: the send button presents the report to the leader; then it is read-only.
    await signIn(page, 'syte.nghean@demo.vn');
    await card.getByText('Chưa làm').waitFor();
    await card.getByText('Lãnh đạo đơn vị duyệt và ký số trước khi gửi').waitFor();
    await card.click();
    expect(await page.getByRole('button', { name: 'Gửi báo cáo' }).count()).toBe(0);
    await page.getByRole('button', { name: 'Tải mẫu vào bảng tính' }).click();
    await page.getByText('Đã tải mẫu vào bảng tính.').waitFor();
    await book((b) => {
      b.userTypes('Phụ lục 03', 'E5', 'Đã trang bị 120 máy tính');
      b.userTypes('Phụ lục 03', 'E7', 'Kho dữ liệu ngành Y tế đã vận hành');
      b.userTypes('Phụ lục 03', 'E8', 'Đã cập nhật CSDL quốc gia');
      b.userTypes('Phụ lục 03', 'H7', 'Đang triển khai');
    });
    await page.getByRole('button', { name: 'Trình lãnh đạo duyệt' }).click();
    await page.getByText('Đã trình lãnh đạo duyệt, phiên bản 1.').waitFor();
    await card.locator('[data-status="PENDING_APPROVAL"]', { hasText: 'Chờ duyệt' }).waitFor();
    await page.getByText('Báo cáo đang chờ lãnh đạo duyệt: chỉ xem, không sửa được.').waitFor();
    expect(await page.getByRole('button', { name: 'Lưu nháp' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Trình lãnh đạo duyệt' }).count()).toBe(0);
    const where = { requestId, org: { code: 'NA.SYT' } };
    expect(await prisma.submission.findFirstOrThrow({ where })).toMatchObject({
      status: 'PENDING_APPROVAL',
      version: 1,
      submittedAt: null,
    });
    await signOut();

    // ── The consolidator meanwhile: Sở Y tế's report waits for its leader, not yet theirs to read.
    await signIn(page, 'stttt.nghean@demo.vn');
    await page.locator(`[data-request="${requestId}"]`).click();
    await page.getByText('Đã gửi 0/1 (trễ hạn 0) · chưa gửi 0 · chờ duyệt 1').waitFor();
    await page.getByLabel('Tìm đơn vị').fill('Sở Y tế');
    await page
      .getByRole('option', { name: new RegExp(`^${AGENCY}`) })
      .locator('[data-state="PENDING_APPROVAL"]', { hasText: 'Chờ duyệt' })
      .waitFor();
    await signOut();

    // ── The leader: the report waits in "Chờ duyệt"; opened read-only, approved.
    await signIn(page, 'giamdoc.syte.nghean@demo.vn');
    await page.getByText('Báo cáo chờ lãnh đạo duyệt').waitFor();
    const queued = page.locator('[data-submission]', { hasText: TITLE });
    await queued.getByText('Trình bởi Chuyên viên Sở Y tế Nghệ An lúc').waitFor();
    await queued.getByText('Chờ duyệt').waitFor();
    await queued.click();
    await page.getByRole('button', { name: 'Mở báo cáo (chỉ đọc)' }).click();
    await page.getByText('Đã mở báo cáo ở trang "BC Sở Y tế tỉnh Nghệ An"').waitFor();
    expect(await book((b) => b.sheet('BC Sở Y tế tỉnh Nghệ An').protection.protected)).toBe(true);
    expect(
      await book((b) => [...b.sheet('BC Sở Y tế tỉnh Nghệ An').cells.values()].map((c) => c.value)),
    ).toContain('Kho dữ liệu ngành Y tế đã vận hành');

    await page.getByRole('button', { name: 'Duyệt', exact: true }).click();
    await page.getByText(`Đã duyệt báo cáo của ${AGENCY}, phiên bản 1; số liệu đã khóa.`).waitFor();
    await page.locator('[data-report-state="APPROVED"]').waitFor();
    // Without a signature it cannot go yet.
    await page.getByText('Yêu cầu này cần chữ ký số hợp lệ của lãnh đạo trước khi gửi.').waitFor();
    expect(await page.getByRole('button', { name: 'Gửi Sở' }).isDisabled()).toBe(true);

    // ── Signing: KT. GIÁM ĐỐC, PHÓ GIÁM ĐỐC; a wrong password first, then the right one.
    await page.getByRole('radio', { name: /^KT\./ }).check();
    await page.getByLabel(/Chức danh người đứng đầu/).fill('GIÁM ĐỐC');
    await page.getByLabel(/Chức vụ của người ký/).fill('PHÓ GIÁM ĐỐC');
    await page.getByText('Tệp và mật khẩu không rời khỏi máy này').waitFor();
    await page.getByLabel(/Tệp chữ ký số/).setInputFiles({
      name: 'nguyen-van-an.p12',
      mimeType: 'application/x-pkcs12',
      buffer: Buffer.from(ca.leaf.p12(P12_PASSWORD)),
    });
    const signButton = page.getByRole('button', { name: 'Ký số', exact: true });
    await page.getByLabel('Mật khẩu của tệp chữ ký số').fill('sai-mat-khau');
    await signButton.click();
    await page.locator('[data-verdict="failed"][role="alert"]').waitFor();
    expect(await prisma.submissionSignature.count()).toBe(0);

    await page.getByLabel('Mật khẩu của tệp chữ ký số').fill(P12_PASSWORD);
    await signButton.click();
    const verdict = page.locator('[data-verdict="valid"]');
    await verdict.waitFor();
    expect(await verdict.textContent()).toMatch(
      /^Đã ký số bởi Nguyễn Văn An \(KT\. GIÁM ĐỐC.*PHÓ GIÁM ĐỐC\).*hợp lệ$/,
    );
    expect(await page.getByLabel('Mật khẩu của tệp chữ ký số').inputValue()).toBe('');
    mkdirSync(screenshots, { recursive: true });
    await page.screenshot({ path: path.join(screenshots, 'approval-leader.png'), fullPage: true });

    await page.getByRole('button', { name: 'Gửi Sở' }).click();
    await page.getByText(`Đã gửi báo cáo của ${AGENCY}, phiên bản 1.`).waitFor();
    await page.getByText('Không có báo cáo nào chờ duyệt.').waitFor();
    // Sent and not accepted: its approval can still be withdrawn.
    await page
      .locator('section', { hasText: 'Đã gửi, đơn vị tổng hợp chưa tiếp nhận' })
      .getByRole('button', { name: 'Bỏ duyệt' })
      .waitFor();
    const sent = await prisma.submission.findFirstOrThrow({
      where,
      include: { signatures: true },
    });
    expect(sent.status).toBe('SUBMITTED');
    expect(sent.signatures).toHaveLength(1);
    expect(sent.signatures[0]).toMatchObject({
      form: 'KT',
      version: 1,
      signerName: 'Nguyễn Văn An',
    });
    await signOut();

    // ── The consolidator: the signature, valid, and the history of the report.
    await signIn(page, 'stttt.nghean@demo.vn');
    await page.locator(`[data-request="${requestId}"]`).click();
    await page.getByLabel('Tìm đơn vị').fill('Sở Y tế');
    await page.getByRole('option', { name: new RegExp(`^${AGENCY}`) }).click();
    await page.locator('[data-agency-state="SUBMITTED"]').waitFor();
    const signature = page.locator('[data-signature="valid"]');
    await signature.waitFor();
    expect(await signature.textContent()).toMatch(/^Đã ký số bởi Nguyễn Văn An .*hợp lệ$/);
    await page.getByText(/^Diễn biến/).click();
    const history = await page.locator('[data-history] li').allTextContents();
    expect(history.map((line) => line.split(' · ')[1])).toEqual([
      'Trình lãnh đạo duyệt',
      'Lãnh đạo đã duyệt',
      'Ký số (KT.)',
      'Gửi đơn vị tổng hợp (sau khi duyệt)',
    ]);
    await page.screenshot({
      path: path.join(screenshots, 'approval-consolidator.png'),
      fullPage: true,
    });
    await signOut();
  }, 180_000);

  test('the leader returns a report to staff with a reason, by keyboard; staff may edit it again', async () => {
    const { requestId: returnedId } = await openApprovalRequest(server, {
      title: 'Báo cáo quý cần lãnh đạo duyệt',
    });
    const prisma = server.app.db.prisma;
    const presented = await server.gql<{ saveReport: { submission: { status: string } } }>(
      `mutation($input: SaveReportInput!) { saveReport(input: $input) { submission { status } } }`,
      {
        input: {
          requestId: returnedId,
          baseVersion: 0,
          idempotencyKey: 'approval-return-1',
          submit: true,
          ...fullReport,
        },
      },
      await server.login('syte.nghean@demo.vn'),
    );
    expect(presented.data?.saveReport.submission.status).toBe('PENDING_APPROVAL');

    await signIn(page, 'giamdoc.syte.nghean@demo.vn');
    const queued = page.locator('[data-submission]', { hasText: 'Báo cáo quý cần lãnh đạo duyệt' });
    // The card is chosen from the keyboard: its checkbox takes the focus and Space.
    await queued.getByRole('checkbox').focus();
    await page.keyboard.press('Space');
    const returnButton = page.getByRole('button', { name: 'Trả lại cho chuyên viên' });
    await returnButton.focus();
    await page.keyboard.press('Enter');
    await page
      .getByRole('alert')
      .getByText('Cần ghi lý do để chuyên viên biết phải sửa gì.')
      .waitFor();
    await page.getByLabel(/Lý do trả lại cho chuyên viên/).fill('Bổ sung số liệu mục II.4');
    await returnButton.click();
    await page.getByText(`Đã trả lại báo cáo của ${AGENCY} cho chuyên viên.`).waitFor();
    expect(
      await prisma.submission.findFirstOrThrow({ where: { requestId: returnedId } }),
    ).toMatchObject({ status: 'DRAFT', returnReason: 'Bổ sung số liệu mục II.4' });
    await signOut();

    await signIn(page, 'syte.nghean@demo.vn');
    const card = page.locator(`[data-request="${returnedId}"]`);
    await card.getByText('Lãnh đạo trả lại, lý do: Bổ sung số liệu mục II.4').waitFor();
    await card.locator('[data-status="DRAFT"]').waitFor();
    await card.click();
    await page.getByRole('button', { name: 'Trình lãnh đạo duyệt' }).waitFor();
    await page.getByRole('button', { name: 'Lưu nháp' }).waitFor();
    await signOut();
  }, 120_000);
});
