// Registers the service worker that lets the pane start without a connection (the copy kept
// at its last start online; addin/src/service-worker), and names to it the Office.js files this
// Excel loaded, whose local copies the local office.js will need offline. Only where the webview
// has service workers: Excel on Windows with WebView2 and Excel on the web do; the older Windows
// webviews (Internet Explorer 11, EdgeHTML) and, as a rule, the Mac's WKWebView do not, and there
// the pane needs the network to start, as before. Nothing here may stop the pane: a refusal
// (storage blocked by policy or in a third-party frame, an untrusted certificate, even a throwing
// navigator.serviceWorker) is only logged.
import { officeFilesToKeep } from '../service-worker/shell.ts';

/** Called once Office is ready, when Office.js has loaded its files for this host. */
export function registerOfflineShell(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  const register = async () => {
    try {
      await navigator.serviceWorker.register('/service-worker.js', { scope: '/' });
      const loaded = performance.getEntriesByType('resource').map((e) => e.name);
      const keepOfficeFiles = officeFilesToKeep(loaded, window.location.origin);
      (await navigator.serviceWorker.ready).active?.postMessage({ keepOfficeFiles });
    } catch (error) {
      console.warn(
        'Không đăng ký được service worker, phần bổ trợ sẽ cần mạng để khởi động:',
        error,
      );
    }
  };
  // After the page has loaded: the worker's first fetches do not compete with the pane's own on
  // a slow line.
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
}
