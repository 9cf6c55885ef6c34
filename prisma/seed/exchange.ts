// The demo's exchange scheme: Nghệ An's mapping of its quarterly report (NA-CDS-QUY) to the codes
// of a DHIS2 instance, so the exports, the import and the outbox can be tried on `npm start`.
// The codes are the demo's own (DHIS2-style upper-case codes); agencies are coded by their
// administrative unit code (mã ĐVHC) where they have one, else by their code, as a provincial
// DHIS2 would be set up. A Sở replaces the table with its receiver's real codes.
import type { PrismaClient } from '../../generated/prisma/client.ts';

export const DEMO_SCHEME = 'DHIS2-NA';
const TEMPLATE = 'NA-CDS-QUY';

/** The demo's data elements: each value cell of the template and the receiver's code for it. */
export const DEMO_ELEMENTS: [table: string, row: string, code: string][] = [
  ['so_lieu', 'ho_so_tiep_nhan', 'CDS_HS_TIEP_NHAN'],
  ['so_lieu', 'ho_so_truc_tuyen', 'CDS_HS_TRUC_TUYEN'],
  ['so_lieu', 'ho_so_toan_trinh', 'CDS_HS_TOAN_TRINH'],
  ['so_lieu', 'van_ban_ky_so', 'CDS_VB_KY_SO'],
  ['so_lieu', 'hop_truc_tuyen', 'CDS_HOP_TRUC_TUYEN'],
  ['so_lieu', 'wifi_cong_cong', 'CDS_WIFI_CONG_CONG'],
  ['ty_le', 'ty_le_truc_tuyen', 'CDS_TL_TRUC_TUYEN'],
  ['ty_le', 'ty_le_ky_so', 'CDS_TL_KY_SO'],
  ['ty_le', 'ty_le_so_hoa', 'CDS_TL_SO_HOA'],
];

/** An agency's org unit code in the demo: its mã ĐVHC, else its code in DHIS2's alphabet. */
export const demoOrgUnit = (org: { code: string; adminCode: string | null }): string =>
  org.adminCode ? `VN_${org.adminCode}` : org.code.replace(/[^A-Za-z0-9]+/g, '_');

export async function seedExchangeDemo(prisma: PrismaClient): Promise<number> {
  if (await prisma.exchangeScheme.findUnique({ where: { code: DEMO_SCHEME } })) return 0;
  const province = await prisma.org.findFirst({ where: { code: 'NA' } });
  const template = await prisma.reportTemplate.findFirst({ where: { code: TEMPLATE } });
  if (!province || !template) return 0;
  // Every agency the quarterly report is asked of, and the province for the consolidation.
  const orgs = await prisma.org.findMany({
    where: {
      path: { startsWith: province.path },
      OR: [
        { id: province.id },
        { kind: 'DEPARTMENT', level: 'PROVINCE' },
        { kind: 'PEOPLES_COMMITTEE', level: 'COMMUNE' },
      ],
    },
    select: { code: true, adminCode: true },
    orderBy: { path: 'asc' },
  });
  const scheme = await prisma.exchangeScheme.create({
    data: {
      code: DEMO_SCHEME,
      name: 'DHIS2 của tỉnh Nghệ An (dữ liệu mẫu)',
      ownerOrgId: province.id,
    },
  });
  const lines = [
    { kind: 'DATA_SET' as const, ours: TEMPLATE, code: 'CDS_QUY' },
    ...DEMO_ELEMENTS.map(([table, row, code]) => ({
      kind: 'DATA_ELEMENT' as const,
      ours: `${TEMPLATE}/${table}/${row}/gia_tri`,
      code,
    })),
    ...orgs.map((o) => ({ kind: 'ORG_UNIT' as const, ours: o.code, code: demoOrgUnit(o) })),
    // Each table's notes travel as the comment of its value, as DHIS2 keeps them.
    ...['so_lieu', 'ty_le'].map((table) => ({
      kind: 'COMMENT' as const,
      ours: `${TEMPLATE}/${table}/ghi_chu`,
      code: `${TEMPLATE}/${table}/gia_tri`,
    })),
  ];
  await prisma.exchangeCode.createMany({
    data: lines.map((l) => ({ ...l, schemeId: scheme.id })),
    skipDuplicates: true,
  });
  return lines.length;
}
