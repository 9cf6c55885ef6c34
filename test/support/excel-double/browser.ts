// The Excel double in a plain browser page (test/addin/taskpane): the task pane finds
// window.tonghopExcel (Excel.run and the requirement sets), the test reaches the workbook through
// window.tonghopExcelDouble. window.tonghopExcelOptions, set before this runs, chooses the host.
import { ExcelDouble, REOPEN_KEY, type DoubleState, type ExcelDoubleOptions } from './book.ts';

/** The page's session storage (this program is typed without the DOM). */
interface SessionStorage {
  getItem(key: string): string | null;
  removeItem(key: string): void;
}

const options = (globalThis as { tonghopExcelOptions?: ExcelDoubleOptions }).tonghopExcelOptions;
/**
 * A workbook "reopened": a test saved the double's workbook to a real .xlsx, opened the file
 * again (file.ts) and left its state here for the page's next load, as Excel opens a file.
 */
function reopened(): DoubleState | null {
  try {
    const storage = (globalThis as unknown as { sessionStorage: SessionStorage }).sessionStorage;
    const json = storage.getItem(REOPEN_KEY);
    storage.removeItem(REOPEN_KEY);
    return json ? (JSON.parse(json) as DoubleState) : null;
  } catch {
    return null;
  }
}
const state = reopened();
const book = state ? ExcelDouble.fromState(state, options ?? {}) : new ExcelDouble(options ?? {});
Object.assign(globalThis, {
  tonghopExcelDouble: book,
  tonghopExcel: { run: book.run, requirements: book.requirements },
});
