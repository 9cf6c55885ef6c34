// Excel as the add-in reaches it: Excel.run asked to wait for a cell being edited, and Excel's
// errors said in Vietnamese with their details logged, whatever code the host gives.
import { describe, expect, jest, test } from '@jest/globals';
import { excelFailure, excelHost, ExcelError } from '../../../addin/src/excel/host.ts';

const officeError = (code: string) =>
  Object.assign(new Error(`raw ${code}`), {
    code,
    debugInfo: { code, errorLocation: 'Range.values' },
  });

describe('Excel failures', () => {
  test.each([
    ['InvalidOperationInCellEditMode', 'cellEdit', true],
    ['InvalidOperation', 'cellEdit', true],
    ['AccessDenied', 'protected', false],
    ['RequestPayloadSizeLimitExceeded', 'payload', false],
    ['ApiNotFound', 'missingApi', false],
    ['GeneralException', 'other', false],
  ])('%s is said as %s', (code, kind, retry) => {
    const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const said = excelFailure(officeError(code)) as ExcelError;
    expect(said).toBeInstanceOf(ExcelError);
    expect(said).toMatchObject({ kind, code, retry });
    // Known failures are explained; anything else keeps Excel's own words beside its code.
    if (kind === 'other') expect(said.message).toContain(code);
    else expect(said.message).not.toContain('raw');
    expect(error).toHaveBeenCalledWith(`Excel: ${code}`, expect.stringContaining('Range.values'));
    error.mockRestore();
  });

  test("errors that are not Excel's pass through", () => {
    const plain = new Error('khác');
    expect(excelFailure(plain)).toBe(plain);
  });

  test('every batch asks Excel to wait while a cell is being edited', async () => {
    const calls: unknown[] = [];
    const host = excelHost({
      run: async (options, batch) => {
        calls.push(options);
        return batch({} as Excel.RequestContext);
      },
      requirements: { isSetSupported: (_name, version) => version === '1.10' },
    });
    expect(await host.run(async () => 7)).toBe(7);
    expect(calls).toEqual([{ delayForCellEdit: true }]);
    expect(host.supports('1.10')).toBe(true);
    expect(host.supports('1.18')).toBe(false);
  });
});
