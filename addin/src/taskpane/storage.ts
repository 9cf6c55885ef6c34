// What the task pane remembers between sessions, in the add-in's own storage: the server
// address, the token (never the password) and the language. Browsers or their settings may block
// localStorage, and Office partitions it: Microsoft asks add-ins to key it with
// Office.context.partitionKey ("Persist add-in state and settings"). Blocked storage only means
// the pane forgets; it never stops it.
import type { Lang } from './i18n.ts';

const KEY = 'tonghop.taskpane';

export interface Remembered {
  server: string;
  token: string | null;
  lang: Lang;
}

/** What the pane needs of localStorage. */
interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

/** The browser's localStorage; reading the property itself may throw where storage is blocked. */
const browserStorage = () => (globalThis as { localStorage?: KeyValueStore }).localStorage;

/** The storage key, inside the partition Office gives the add-in (undefined where there is none). */
export function storageKey(partitionKey: string | undefined): string {
  return partitionKey ? `${partitionKey}${KEY}` : KEY;
}

function partition(): string | undefined {
  try {
    const office = (globalThis as { Office?: { context?: { partitionKey?: string } } }).Office;
    return office?.context?.partitionKey;
  } catch {
    return undefined;
  }
}

export function recall(defaultServer: string): Remembered {
  const fallback: Remembered = { server: defaultServer, token: null, lang: 'vi' };
  try {
    const stored = browserStorage()?.getItem(storageKey(partition()));
    const saved = JSON.parse(stored ?? '{}') as Partial<Remembered>;
    return {
      server: saved.server || defaultServer,
      token: saved.token ?? null,
      lang: saved.lang === 'en' ? 'en' : 'vi',
    };
  } catch {
    return fallback;
  }
}

/** False when the browser refused to keep it. */
export function remember(value: Remembered): boolean {
  try {
    const storage = browserStorage();
    storage?.setItem(storageKey(partition()), JSON.stringify(value));
    return storage !== undefined;
  } catch {
    return false;
  }
}
