// The names files are given when downloaded or attached: Vietnamese as people read it, without
// the characters a disk or mail client refuses, and an ASCII form for old clients.

/** A part of a file name: no \ / : * ? " < > |, one space at a time, at most 80 characters. */
export const fileSafe = (text: string): string =>
  text
    .replace(/[\\/:*?"<>|]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80);

/** The name without its diacritics, for clients that read only the ASCII filename (RFC 6266). */
export const asciiName = (name: string): string =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[đĐ]/g, 'd')
    .replace(/[^\w.-]+/g, '_');
