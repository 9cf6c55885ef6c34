// The công văn đôn đốc a reminder email carries (rules marked attachLetter): the same document the
// consolidating department downloads (server/documents/reminder-letter.ts), made by the server on
// the department's behalf — as its consolidator would see it — at the time of sending.
import type { Database } from '../db/database.ts';
import type { Context } from '../graphql/context.ts';
import { AppError } from '../graphql/errors.ts';
import { loadOfficialDocuments } from '../libraries.ts';
import type { LetterFor } from '../messages/channels.ts';
import { fileSafe } from '../files/file-names.ts';

export function reminderLetterFor(db: Database): LetterFor {
  return async (requestId, at) => {
    const request = await db.prisma.reportRequest.findUnique({
      where: { id: requestId },
      select: { consolidatorOrg: { select: { id: true, path: true } } },
    });
    if (!request) return null;
    const { id, path } = request.consolidatorOrg;
    // The server acts for the department: read-only, with its consolidator's view of the request.
    const ctx: Context = {
      db,
      prisma: db.prisma,
      viewer: {
        tokenId: 'reminders',
        userId: 'reminders',
        email: '',
        name: 'Nhắc hạn tự động',
        orgId: id,
        orgPath: path,
        roles: [{ role: 'CONSOLIDATOR', scopePath: path }],
      },
      address: null,
    };
    try {
      const { reminderLetterDocx } = await loadOfficialDocuments();
      const made = await reminderLetterDocx(ctx, requestId, at);
      return {
        filename: `Công văn đôn đốc - ${fileSafe(made.requestTitle)}.docx`,
        content: made.docx,
      };
    } catch (error) {
      // Nobody overdue any more (all sent since the reminder was written): no letter to attach.
      if (error instanceof AppError && error.extensions.code === 'CONFLICT') return null;
      throw error;
    }
  };
}
