// Building blocks for report sheets in tests.
import type { SheetColumn } from '../../shared/reporting/sheet.ts';

/** A template column: editable, optional, no aggregate unless `over` says otherwise. */
export const column = (
  key: string,
  label: string,
  type: SheetColumn['type'],
  over: Partial<SheetColumn> = {},
): SheetColumn => ({
  key,
  label,
  type,
  required: false,
  readOnly: false,
  options: [],
  aggregate: 'NONE',
  ...over,
});
