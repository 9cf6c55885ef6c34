// Text inside XML attributes and elements, said once for every file the server writes by hand
// (the manifest, the add-in's workbook parts, ADX and SDMX): the five markup characters as
// references, and line breaks and tabs too, since attribute values are normalised on reading.
export const escapeXml = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;')
    .replace(/\t/g, '&#9;');
