// The Excel double in a plain browser page (test/addin/taskpane): the task pane finds
// window.tonghopExcel (Excel.run and the requirement sets), the test reaches the workbook through
// window.tonghopExcelDouble. window.tonghopExcelOptions, set before this runs, chooses the host.
import { ExcelDouble, type ExcelDoubleOptions } from './book.ts';

const options = (globalThis as { tonghopExcelOptions?: ExcelDoubleOptions }).tonghopExcelOptions;
const book = new ExcelDouble(options ?? {});
Object.assign(globalThis, {
  tonghopExcelDouble: book,
  tonghopExcel: { run: book.run, requirements: book.requirements },
});
