// The strict Excel double: see book.ts (file.ts, Node only, saves and opens real .xlsx files).
export {
  ExcelDouble,
  OfficeError,
  REOPEN_KEY,
  type DoubleAddinState,
  type DoubleSheetState,
  type DoubleState,
  type ExcelDoubleOptions,
  type SyncRecord,
} from './book.ts';
export { PAYLOAD_LIMIT_BYTES } from './api.ts';
export type { DoubleCell, DoubleSheet } from './sheet.ts';
export type { Locale } from './entries.ts';
