// What every view of the task pane is given by the shell: the server, the words, Excel, and one
// way to run an action (busy spinner, errors shown as messages).
import type { ExcelHost } from '../excel/host.ts';
import type { Api } from './api.ts';
import type { Lang, Strings } from './i18n.ts';
import type { ReportSync } from './use-report-sync.ts';

export type Message = {
  intent: 'success' | 'error' | 'warning' | 'info';
  text: string;
  /** The first problems, also listed here: not every Excel shows notes on cells. */
  details?: string[];
  /** Doing the same again may work (Excel left edit mode, the network came back). */
  retry?: () => void;
} | null;

export interface PaneKit {
  api: Api;
  host: ExcelHost;
  t: Strings;
  lang: Lang;
  busy: boolean;
  /** Runs an action; its error, if any, becomes the pane's message. */
  act: (work: () => Promise<void>) => Promise<void>;
  notify: (message: Message) => void;
  /** The report in the workbook: its waiting saves and the connection (use-report-sync.ts). */
  sync: ReportSync;
}
