// The documents a consolidating department downloads for a request, as files/routes.ts serves
// them: GET /files/requests/:id/bao-cao-tong-hop.docx and …/cong-van-don-doc.docx — with the
// consolidation's access rule (only who may consolidate the request).
import type { Context } from '../graphql/context.ts';
import { loadOfficialDocuments } from '../libraries.ts';

export const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const DOCUMENT_ROUTE =
  /^\/files\/requests\/([^/]+)\/(bao-cao-tong-hop|cong-van-don-doc)\.docx$/;

const NAMES = {
  'bao-cao-tong-hop': 'Báo cáo tổng hợp',
  'cong-van-don-doc': 'Công văn đôn đốc',
} as const;

/** One of the documents: its name for the file ("Báo cáo tổng hợp"), the request's title, bytes. */
export async function requestDocument(
  ctx: Context,
  requestId: string,
  kind: string,
): Promise<{ name: string; requestTitle: string; docx: Buffer }> {
  const document = kind === 'cong-van-don-doc' ? 'cong-van-don-doc' : 'bao-cao-tong-hop';
  const { reminderLetterDocx, consolidatedReportDocx } = await loadOfficialDocuments();
  const made =
    document === 'cong-van-don-doc'
      ? await reminderLetterDocx(ctx, requestId)
      : await consolidatedReportDocx(ctx, requestId);
  return { name: NAMES[document], requestTitle: made.requestTitle, docx: made.docx };
}
