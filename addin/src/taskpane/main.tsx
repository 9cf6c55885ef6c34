// Entry of the task pane: wait for Office, then show the pane. Outside Excel (tests in a plain
// browser) a stand-in for Excel.run may be provided as window.tonghopExcelRun.
/// <reference types="office-js" />
import { createRoot } from 'react-dom/client';
import type { ExcelRun } from '../excel/workbook.ts';
import { App } from './App.tsx';

declare global {
  interface Window {
    tonghopExcelRun?: ExcelRun;
  }
}

function excelRun(): ExcelRun {
  if (typeof Excel !== 'undefined' && typeof Excel.run === 'function') return Excel.run as ExcelRun;
  if (window.tonghopExcelRun) return window.tonghopExcelRun;
  return () => Promise.reject(new Error('Phần bổ trợ cần chạy trong Excel.'));
}

function start(): void {
  createRoot(document.getElementById('root')!).render(
    <App run={excelRun()} defaultServer={window.location.origin} />,
  );
}

if (typeof Office !== 'undefined' && typeof Office.onReady === 'function')
  void Office.onReady(start);
else start();
