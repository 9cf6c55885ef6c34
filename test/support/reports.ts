// Reports as agencies fill them, for tests that need one sent: Sở Y tế Nghệ An on the Phụ lục 01–03
// template (NA-403-PL01-03) of a request about Kế hoạch 586/KH-UBND.

/** Every cell Sở Y tế must fill before sending, plus an answer to each section it must answer. */
export const fullReport = {
  answers: [{ key: 'A.I', text: 'Sở đã ban hành kế hoạch triển khai.' }],
  tables: [
    {
      key: 'pl03',
      rows: [
        {
          key: 'II.4',
          cells: [
            { columnKey: 'ket_qua', value: 'Trang bị 120 máy tính' },
            { columnKey: 'tien_do', value: 'Hoàn thành' },
          ],
        },
        {
          key: 'IV.2',
          cells: [
            { columnKey: 'ket_qua', value: 'Kho dữ liệu ngành Y tế đã vận hành' },
            { columnKey: 'tien_do', value: 'đang triển khai' },
          ],
        },
        { key: 'IV.9', cells: [{ columnKey: 'ket_qua', value: 'Cập nhật CSDL y tế quốc gia' }] },
      ],
    },
    {
      key: 'pl02',
      rows: [
        {
          cells: [
            { columnKey: 'noi_dung', value: 'Tuyên truyền chuyển đổi số' },
            { columnKey: 'ket_qua', value: '=HYPERLINK("http://x")' },
          ],
        },
      ],
    },
  ],
};

interface GqlServer {
  app: { db: { prisma: import('../../generated/prisma/client.ts').PrismaClient } };
  gql<T = Record<string, unknown>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string,
  ): Promise<{ data?: T | null; errors?: { message: string }[] }>;
  login(email: string, password?: string): Promise<string>;
}

let opened = 0;

/**
 * A new request of Sở KH&CN Nghệ An to Sở Y tế on the same template and plan as the 2023 review
 * (so `fullReport` fills it), whose reports the agency's leader must approve — and sign, when
 * asked. Each call opens another one (a new month of 2031), so tests do not share reports.
 */
export async function openApprovalRequest(
  server: GqlServer,
  options: { requiresSignature?: boolean; requiresApproval?: boolean; title?: string } = {},
): Promise<{ requestId: string; orgId: string }> {
  const prisma = server.app.db.prisma;
  const review = await prisma.reportRequest.findUniqueOrThrow({
    where: { key: 'NA-403-SOKET-SO-HUYEN' },
  });
  const orgId = (await prisma.org.findUniqueOrThrow({ where: { code: 'NA.SYT' } })).id;
  const consolidator = await server.login('stttt.nghean@demo.vn');
  const month = (opened++ % 12) + 1;
  const res = await server.gql<{ openReportRequest: { id: string } }>(
    'mutation($input: OpenReportRequestInput!) { openReportRequest(input: $input) { id } }',
    {
      input: {
        templateId: review.templateId,
        planId: review.planId,
        title: options.title ?? `Báo cáo cần lãnh đạo duyệt (${opened})`,
        period: { kind: 'MONTH', year: 2031 + Math.floor((opened - 1) / 12), number: month },
        deadline: '2099-12-31T17:00:00+07:00',
        recipientOrgIds: [orgId],
        requiresApproval: options.requiresApproval ?? true,
        requiresSignature: options.requiresSignature ?? false,
      },
    },
    consolidator,
  );
  if (!res.data) throw new Error(`openReportRequest: ${JSON.stringify(res.errors)}`);
  return { requestId: res.data.openReportRequest.id, orgId };
}
