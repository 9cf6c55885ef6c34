// Libraries that only some requests use, loaded on first use rather than when the server starts:
// the PostgreSQL driver and its Prisma adapter (pg: only with DATABASE_URL, the embedded database
// needs neither), workbooks (ExcelJS) and their package parts (JSZip), PDFs (PDFKit), development
// certificates (selfsigned), mail (nodemailer), compiled queries (graphql-jit), official documents
// (server/documents/, with docx) and digital signatures (server/signatures/signing.ts, with
// PKI.js, ASN1.js and @signpdf). Each costs from 0.05 s to 1 s of loading: a start, and each test
// file (jest loads the server anew for every file), would otherwise pay several seconds for them.
// Node keeps a module once loaded, so later calls cost nothing.
import type ExcelJS from 'exceljs';
import type PDFDocument from 'pdfkit';
import type selfsigned from 'selfsigned';
import type JSZip from 'jszip';

/** pg and Prisma's adapter over it, both together: only a server on DATABASE_URL uses them. */
export async function loadPostgresDriver(): Promise<{
  pg: typeof import('pg').default;
  PrismaPg: typeof import('@prisma/adapter-pg').PrismaPg;
}> {
  const [pg, adapter] = await Promise.all([import('pg'), import('@prisma/adapter-pg')]);
  return { pg: pg.default, PrismaPg: adapter.PrismaPg };
}

export async function loadExcelJS(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

export async function loadPdfKit(): Promise<typeof PDFDocument> {
  return (await import('pdfkit')).default;
}

export async function loadSelfsigned(): Promise<typeof selfsigned> {
  return (await import('selfsigned')).default;
}

export async function loadJSZip(): Promise<typeof JSZip> {
  return (await import('jszip')).default;
}

export function loadNodemailer(): Promise<typeof import('nodemailer')> {
  return import('nodemailer');
}

export function loadGraphqlJit(): Promise<typeof import('graphql-jit')> {
  return import('graphql-jit');
}

// Our own modules are imported once and the promise kept: a request resolving the signature of
// many reports at once would otherwise start many first imports of them together, which jest's
// ESM registry fails ("request for 'docx' is not in cache", seen with two modules sharing docx).
let signing: Promise<typeof import('./signatures/signing.ts')> | undefined;
let officialDocuments: ReturnType<typeof importOfficialDocuments> | undefined;

/** The leader's digital signature (signing.ts) and the certificate libraries it stands on. */
export function loadSigning(): Promise<typeof import('./signatures/signing.ts')> {
  return (signing ??= import('./signatures/signing.ts'));
}

/** The consolidated report and the reminder letter as .docx files (server/documents/). */
export function loadOfficialDocuments(): ReturnType<typeof importOfficialDocuments> {
  return (officialDocuments ??= importOfficialDocuments());
}

async function importOfficialDocuments() {
  // One after the other: both import docx (see above).
  const letter = await import('./documents/reminder-letter.ts');
  const report = await import('./documents/consolidated-report.ts');
  return {
    reminderLetterDocx: letter.reminderLetterDocx,
    consolidatedReportDocx: report.consolidatedReportDocx,
  };
}
