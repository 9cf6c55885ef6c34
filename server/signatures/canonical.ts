// The exact bytes a leader signs for a version of a report: one JSON object — request, agency,
// period, template version, every value, the approval time — canonicalised by RFC 8785 (JCS:
// members sorted by UTF-16 code units, no whitespace, ECMAScript number form), UTF-8, and its
// SHA-256. The same report gives the same bytes however its objects were built, on any machine,
// so the server can check a signature again at any later time against the values stored then.
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

/** Names this layout; a later layout gets a new name, and old signatures still check. */
export const SIGNING_FORMAT = 'tonghop.bao-cao/1';

export interface ReportForSigning {
  request: { id: string; title: string };
  agency: { id: string; name: string; code: string | null };
  /** Dates as ISO days ("2024-01-01"). */
  period: { kind: string; label: string; start: string; end: string };
  template: { id: string; code: string; version: number };
  /** The submission version being signed. */
  version: number;
  /** ISO instant of the approval: the "time" of the signed form. */
  approvedAt: string;
  tables: { key: string; rows: { key: string; cells: Record<string, string> }[] }[];
  answers: Record<string, string>;
}

export interface CanonicalReport {
  /** The canonical JSON text. */
  text: string;
  /** Its UTF-8 bytes: what is signed. */
  bytes: Uint8Array;
  /** SHA-256 of `bytes`. */
  digest: Buffer;
}

/**
 * The signed form of a report. Members are picked one by one, so a caller's extra fields never
 * slip into what is signed. Values are taken as stored (the server stores NFC): nothing is
 * normalised here, or a value changed behind our back could still match.
 */
export function canonicalReport(r: ReportForSigning): CanonicalReport {
  const signed = {
    format: SIGNING_FORMAT,
    request: { id: r.request.id, title: r.request.title },
    agency: { id: r.agency.id, name: r.agency.name, code: r.agency.code },
    period: {
      kind: r.period.kind,
      label: r.period.label,
      start: r.period.start,
      end: r.period.end,
    },
    template: { id: r.template.id, code: r.template.code, version: r.template.version },
    version: r.version,
    approvedAt: r.approvedAt,
    tables: r.tables.map((t) => ({
      key: t.key,
      rows: t.rows.map((row) => ({ key: row.key, cells: row.cells })),
    })),
    answers: r.answers,
  };
  const text = canonicalize(signed);
  if (text === undefined) throw new Error('Không lập được dạng chuẩn của báo cáo để ký.');
  const bytes = new TextEncoder().encode(text);
  return { text, bytes, digest: createHash('sha256').update(bytes).digest() };
}
