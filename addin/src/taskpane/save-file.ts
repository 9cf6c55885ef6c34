// Hands a downloaded file to the pane's own download (an object URL and a link with `download`).
// Excel on the web and Excel for Windows save it; Excel for Mac's WKWebView ignores such links
// (OfficeDev/office-js#2700, "by design", and #4681), so README names the HTTP address to use
// there instead.
import type { DownloadedFile } from './api.ts';

export function saveFile(file: DownloadedFile): void {
  const url = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = file.name;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // The download took the bytes when click() ran; the URL is freed a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
