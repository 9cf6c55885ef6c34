// Libraries of 0.3–1 s of loading each that only some requests use: workbooks (ExcelJS), PDFs
// (PDFKit), development certificates (selfsigned), mail (nodemailer), compiled queries
// (graphql-jit), and digital signatures (server/signatures/signing.ts with PKI.js, ASN1.js and
// @signpdf, about 0.1 s of every start and 0.2 s of every test file). They are loaded on first use, not when the server starts: a
// start, and each test file (jest loads the server anew for every file), would otherwise pay
// several seconds for them. Node keeps a module once loaded, so later calls cost nothing.
import type ExcelJS from 'exceljs';
import type PDFDocument from 'pdfkit';
import type selfsigned from 'selfsigned';

export async function loadExcelJS(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}

export async function loadPdfKit(): Promise<typeof PDFDocument> {
  return (await import('pdfkit')).default;
}

export async function loadSelfsigned(): Promise<typeof selfsigned> {
  return (await import('selfsigned')).default;
}

export function loadNodemailer(): Promise<typeof import('nodemailer')> {
  return import('nodemailer');
}

export function loadGraphqlJit(): Promise<typeof import('graphql-jit')> {
  return import('graphql-jit');
}

/** The leader's digital signature (signing.ts) and the certificate libraries it stands on. */
export function loadSigning(): Promise<typeof import('./signatures/signing.ts')> {
  return import('./signatures/signing.ts');
}
