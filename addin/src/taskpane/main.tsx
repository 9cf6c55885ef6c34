// Entry of the task pane: wait for Office, then show the pane with Excel behind one door. Outside
// Excel (the tests, in a plain browser) a stand-in may be provided as window.tonghopExcel, with
// the same two entry points: Excel.run and the requirement sets.
/// <reference types="office-js" />
import { createRoot } from 'react-dom/client';
import { excelHost, type ExcelHost, type OfficeEntry } from '../excel/host.ts';
import { App } from './App.tsx';
import { registerOfflineShell } from './offline-shell.ts';

declare global {
  interface Window {
    tonghopExcel?: OfficeEntry;
  }
}

function host(info: { host: Office.HostType | null } | null): ExcelHost {
  if (info && info.host === Office.HostType.Excel && typeof Excel !== 'undefined') {
    return excelHost({
      run: (options, batch) => Excel.run(options, batch),
      requirements: Office.context.requirements,
    });
  }
  if (window.tonghopExcel) return excelHost(window.tonghopExcel);
  return {
    run: () => Promise.reject(new Error('Phần bổ trợ cần chạy trong Excel.')),
    supports: () => false,
  };
}

function start(info: { host: Office.HostType | null } | null): void {
  registerOfflineShell();
  createRoot(document.getElementById('root')!).render(
    <App host={host(info)} defaultServer={window.location.origin} />,
  );
}

if (typeof Office !== 'undefined' && typeof Office.onReady === 'function') {
  void Office.onReady((info) => start(info));
} else {
  start(null);
}
