// A text[] parameter as one PostgreSQL array literal. Prisma's raw queries pass a JavaScript
// array element by element: serialised, read back, then escaped again by the driver, which for a
// 1,000-row save's four arrays of 5,000 cells was about 12 ms of Node's time per save (16.4 ms
// against 4.6 ms for the statement's parameters, measured alone). One string goes through whole;
// PostgreSQL reads it with `$n::text[]`.

/** Characters a quoted array element escapes with a backslash (PostgreSQL's array_in). */
const ESCAPED = /["\\]/g;

/**
 * `{"a","b \"c\""}`: every element quoted, so spaces, commas, braces and the word NULL stay text;
 * only quotes and backslashes are escaped. No null elements: callers pass the values they write.
 */
export function textArrayLiteral(values: readonly string[]): string {
  let literal = '{';
  for (let i = 0; i < values.length; i++) {
    const value = values[i]!;
    literal += `${i ? ',' : ''}"${value.includes('"') || value.includes('\\') ? value.replace(ESCAPED, '\\$&') : value}"`;
  }
  return `${literal}}`;
}
