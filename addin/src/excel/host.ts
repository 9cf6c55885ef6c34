/// <reference types="office-js" />
// Excel as the add-in reaches it: Excel.run, asked to wait while the person is still typing in a
// cell, and the requirement sets the host supports. Built from the real Office.js in Excel or
// from the tests' double; failures come back as ExcelError with a Vietnamese message, and the
// details Excel gives (OfficeExtension.Error.debugInfo) go to the console.

export type Batch<T> = (context: Excel.RequestContext) => Promise<T>;
/** Excel.run as the rest of the add-in calls it. */
export type ExcelRun = <T>(batch: Batch<T>) => Promise<T>;

/** The two Office.js entry points a host is made of. */
export interface OfficeEntry {
  run<T>(options: Excel.RunOptions, batch: Batch<T>): Promise<T>;
  requirements: { isSetSupported(name: string, minVersion?: string): boolean };
}

export interface ExcelHost {
  run: ExcelRun;
  /** Office.context.requirements.isSetSupported('ExcelApi', version). */
  supports(version: string): boolean;
}

/** Worksheet.notes came with ExcelApi 1.18 (Microsoft 365; not Excel 2021 or 2024). */
export const NOTES_REQUIREMENT = '1.18';

export type ExcelFailureKind = 'cellEdit' | 'protected' | 'payload' | 'missingApi' | 'other';

const MESSAGES: Record<ExcelFailureKind, string> = {
  cellEdit:
    'Excel chưa làm được thao tác này, thường vì bạn đang gõ dở trong một ô (phiên bản Excel này không tự chờ bạn gõ xong). Nhấn Enter hoặc Esc để rời ô rồi bấm "Thử lại".',
  protected:
    'Excel từ chối vì trang tính đang được bảo vệ (có thể bằng mật khẩu riêng). Bỏ bảo vệ trang (Review › Unprotect Sheet) rồi thử lại.',
  payload:
    'Dữ liệu gửi tới Excel vượt giới hạn 5 MB một lần của Excel trên web. Hãy thử lại; nếu vẫn lỗi, báo cho quản trị.',
  missingApi:
    'Phiên bản Excel này thiếu chức năng phần bổ trợ cần. Cần Excel 2021, Excel 2024, Microsoft 365 hoặc Excel trên web.',
  other: 'Excel báo lỗi',
};

/** A failure of Excel, said for the person; `retry` when doing the same again may work. */
export class ExcelError extends Error {
  constructor(
    readonly kind: ExcelFailureKind,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
  get retry(): boolean {
    return this.kind === 'cellEdit';
  }
}

function kindOf(code: string): ExcelFailureKind {
  switch (code) {
    // Excel's error-code table says InvalidOperationInCellEditMode; its delayForCellEdit page says
    // a batch run while the person edits a cell fails with InvalidOperation.
    case 'InvalidOperationInCellEditMode':
    case 'InvalidOperation':
      return 'cellEdit';
    case 'AccessDenied':
      return 'protected';
    case 'RequestPayloadSizeLimitExceeded':
    case 'ResponsePayloadSizeLimitExceeded':
      return 'payload';
    case 'ApiNotFound':
      return 'missingApi';
    default:
      return 'other';
  }
}

/** The error Excel threw, logged with its debugInfo and said in Vietnamese. */
export function excelFailure(error: unknown): unknown {
  const e = error as { code?: unknown; message?: string; debugInfo?: unknown };
  if (typeof e?.code !== 'string' || error instanceof ExcelError) return error;
  // Microsoft's guidance: log debugInfo, it says where in the batch it failed.
  console.error(`Excel: ${e.code}`, JSON.stringify(e.debugInfo ?? null));
  const kind = kindOf(e.code);
  const message =
    kind === 'other' ? `${MESSAGES.other} ${e.code}: ${e.message ?? ''}`.trim() : MESSAGES[kind];
  return new ExcelError(kind, e.code, message);
}

/** Whether an error is Excel's (raw or already said) with this code. */
export function hasExcelCode(error: unknown, code: string): boolean {
  return (error as { code?: unknown })?.code === code;
}

export function excelHost(entry: OfficeEntry): ExcelHost {
  return {
    supports: (version) => entry.requirements.isSetSupported('ExcelApi', version),
    run: async (batch) => {
      try {
        // Hosts that know the option wait until the person leaves the cell they are typing in;
        // the others fail the batch, which excelFailure says and the pane offers to retry.
        return await entry.run({ delayForCellEdit: true }, batch);
      } catch (error) {
        throw excelFailure(error);
      }
    },
  };
}
