// The strict Excel double: see book.ts.
export { ExcelDouble, OfficeError, type ExcelDoubleOptions, type SyncRecord } from './book.ts';
export { PAYLOAD_LIMIT_BYTES } from './api.ts';
export type { DoubleCell, DoubleSheet } from './sheet.ts';
export type { Locale } from './entries.ts';
