// Folding for search: "Sở Y tế", "SỞ Y TẾ", "so y te" and a decomposed (NFD) "Sở Y tế" all fold
// to "so y te". Used to fill the searchText columns and to fold the user's query the same way.

/** Lower case, no diacritics (đ → d), one space between words, any Unicode form in. */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** The words of a text for search: folded, split on anything but letters and digits. */
export function searchTokens(text: string): string[] {
  return foldVietnamese(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/**
 * The searchText column of several fields: their words with a space before each, so a query word
 * matches the start of a word (" y" finds "Y tế", not "duy"), whatever the punctuation
 * ("393/KH-UBND" is " 393 kh ubnd").
 */
export function searchTextOf(...parts: (string | null | undefined)[]): string {
  const words = parts.filter((p): p is string => Boolean(p)).flatMap(searchTokens);
  return ` ${words.join(' ')} `;
}

/** Conditions for a query: each of its words must start a word of the searchText. */
export function searchPatterns(query: string): string[] {
  return [...new Set(searchTokens(query))].map((w) => ` ${w}`);
}
