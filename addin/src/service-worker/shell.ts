// What the task pane's service worker keeps for starting without a connection: the pane's own
// static files on its own origin, nothing else. /graphql and /files are never among them: they
// carry the person's bearer token and their agency's data, and a copy of them would outlive
// "Đăng xuất" on a shared office computer.

/** Bumped when what the cache holds changes shape; the worker then drops the older caches. */
export const SHELL_CACHE_VERSION = 1;
export const SHELL_CACHE_PREFIX = 'tonghop-shell-';
export const SHELL_CACHE = `${SHELL_CACHE_PREFIX}v${SHELL_CACHE_VERSION}`;

/** Fetched when the worker installs, so the first visit already leaves a pane that can start. */
export const SHELL_WARM_URLS = ['/taskpane.html', '/addin/taskpane.js', '/office-js/office.js'];

/** Where taskpane.html loads Office.js from first. */
export const OFFICE_CDN_ROOT = 'https://appsforoffice.microsoft.com/lib/1/hosted/';
/** How many Office.js files a pane may ask the worker to keep (it uses a handful). */
export const MAX_OFFICE_FILES = 40;

/**
 * Whether a request belongs to the pane's shell: a GET on the worker's own origin of the page,
 * the bundle, Office.js's local copy with the files it loads itself (host scripts, strings per
 * language), or the icons.
 */
export function isShellRequest(url: URL, method: string, origin: string): boolean {
  if (method !== 'GET' || url.origin !== origin) return false;
  const p = url.pathname;
  return (
    p === '/taskpane.html' ||
    /^\/addin\/[\w.-]+\.js$/.test(p) ||
    (p.startsWith('/office-js/') && /\.(js|json|css|png|gif|html)$/.test(p)) ||
    /^\/assets\/icon-\d+\.png$/.test(p)
  );
}

/**
 * The key a response is kept under: the page without its query, which Office adds and varies
 * (`?_host_Info=Excel$Win32$16.01$vi-VN…`), so the copy warmed at install answers it.
 */
export function shellCacheKey(url: URL): string {
  return url.pathname === '/taskpane.html' ? url.origin + url.pathname : url.href;
}

/**
 * The local copies (/office-js/…) of the Office.js files this pane loaded, from the CDN or from
 * the local copy: office.js loads more files for its host and language (excel-win32-16.01.js,
 * vi-vn/office_strings.js, …) which differ from one Excel to another, and offline the local
 * office.js needs the same ones. Anything else is left out.
 */
export function officeFilesToKeep(loaded: readonly string[], origin: string): string[] {
  const paths = new Set<string>();
  for (const href of loaded) {
    let url: URL;
    try {
      url = new URL(href, origin);
    } catch {
      continue;
    }
    const local = url.href.startsWith(OFFICE_CDN_ROOT)
      ? new URL(`/office-js/${url.href.slice(OFFICE_CDN_ROOT.length).split(/[?#]/)[0]}`, origin)
      : url;
    if (local.pathname.startsWith('/office-js/') && isShellRequest(local, 'GET', origin))
      paths.add(local.pathname);
  }
  return [...paths].slice(0, MAX_OFFICE_FILES);
}
