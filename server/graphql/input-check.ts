// Input that no resolver should ever see, and library refusals worded for people. Text with a NUL
// character or half of a UTF-16 surrogate pair cannot be stored by PostgreSQL at all, so such a
// request is refused whole, before it runs; a paging argument Pothos refuses (a cursor not made by
// this server, a negative `first`) is the client's mistake, not the server's.
import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';

const INVALID_TEXT =
  // eslint-disable-next-line no-control-regex -- finding NUL is the point
  /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** True when any string in a parsed JSON value (keys too) holds a character text cannot hold. */
export function hasInvalidText(value: unknown): boolean {
  const stack: unknown[] = [value];
  while (stack.length) {
    const v = stack.pop();
    if (typeof v === 'string') {
      if (INVALID_TEXT.test(v)) return true;
    } else if (Array.isArray(v)) {
      stack.push(...v);
    } else if (v && typeof v === 'object') {
      for (const [k, inner] of Object.entries(v)) {
        if (INVALID_TEXT.test(k)) return true;
        stack.push(inner);
      }
    }
  }
  return false;
}

export const INVALID_TEXT_MESSAGE =
  'Nội dung có ký tự không hợp lệ (ký tự NUL hoặc nửa cặp UTF-16); hãy bỏ chúng rồi gửi lại.';

/** A Vietnamese message for an input refused inside a library, or null for a real failure. */
export function libraryInputMessage(error: unknown): string | null {
  // graphql-js stops after 50 bad variable values and says so without a code.
  if (
    error instanceof GraphQLError &&
    error.message.startsWith('Too many errors processing variables')
  )
    return 'Quá nhiều giá trị sai trong biến (variables); đã dừng kiểm tra.';
  if (!(error instanceof PothosValidationError)) return null;
  if (/cursor/i.test(error.message))
    return 'Con trỏ phân trang (after/before) không hợp lệ; hãy dùng endCursor/startCursor do máy chủ trả về.';
  if (/Argument|Arguments/.test(error.message))
    return 'Tham số phân trang không hợp lệ: first và last là số nguyên không âm; last đi cùng before, không dùng before với first hay after với last.';
  if (/id/i.test(error.message)) return 'Mã (ID) không hợp lệ.';
  return null;
}
