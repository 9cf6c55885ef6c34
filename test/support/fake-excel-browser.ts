// The fake Excel for a task pane running in a plain browser (test/addin/taskpane): the page finds
// window.tonghopExcelRun, and the test reaches the workbook through window.tonghopFakeBook.
import { FakeWorkbook } from './fake-excel.ts';

const book = new FakeWorkbook();
Object.assign(globalThis, { tonghopFakeBook: book, tonghopExcelRun: book.run });
