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

/** Folded text of several fields, for one searchText column. */
export function searchTextOf(...parts: (string | null | undefined)[]): string {
  return parts
    .filter((p): p is string => Boolean(p))
    .map(foldVietnamese)
    .join(' | ');
}
