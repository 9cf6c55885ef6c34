// Text PostgreSQL cannot store is refused before anything runs; paging mistakes are the client's.
import { PothosValidationError } from '@pothos/core';
import { GraphQLError } from 'graphql';
import { hasInvalidText, libraryInputMessage } from '../../../server/graphql/input-check.ts';

describe('input that no resolver should see', () => {
  it.each([
    ['a NUL', { input: { name: 'a\u0000b' } }, true],
    ['a lone high surrogate', ['x\ud800'], true],
    ['a lone low surrogate', { a: [{ b: '\udc00y' }] }, true],
    ['a NUL in a key', { ['k\u0000']: 1 }, true],
    ['a whole surrogate pair (an emoji)', { s: 'Việt Nam 🇻🇳' }, false],
    ['NFD text', { s: 'Sở Y tế'.normalize('NFD') }, false],
    ['numbers, booleans, null', [1, true, null, { a: 2.5 }], false],
  ])('%s → %s', (_what, value, invalid) => {
    expect(hasInvalidText(value)).toBe(invalid);
  });

  it('words a bad cursor or paging argument for people, and leaves real failures alone', () => {
    expect(libraryInputMessage(new PothosValidationError('Invalid cursor: abc'))).toMatch(
      /Con trỏ phân trang/,
    );
    expect(
      libraryInputMessage(
        new PothosValidationError('Argument "first" must be a non-negative integer'),
      ),
    ).toMatch(/Tham số phân trang/);
    expect(
      libraryInputMessage(
        new GraphQLError(
          'Too many errors processing variables, error limit reached. Execution aborted.',
        ),
      ),
    ).toMatch(/Quá nhiều giá trị sai/);
    expect(libraryInputMessage(new Error('connection refused'))).toBeNull();
  });
});
