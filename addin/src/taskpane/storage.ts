// What the task pane remembers between sessions, in the add-in's own storage: the server
// address, the token (never the password) and the language.
import type { Lang } from './i18n.ts';

const KEY = 'tonghop.taskpane';

export interface Remembered {
  server: string;
  token: string | null;
  lang: Lang;
}

export function recall(defaultServer: string): Remembered {
  try {
    const saved = JSON.parse(localStorage.getItem(KEY) ?? '{}') as Partial<Remembered>;
    return {
      server: saved.server || defaultServer,
      token: saved.token ?? null,
      lang: saved.lang === 'en' ? 'en' : 'vi',
    };
  } catch {
    return { server: defaultServer, token: null, lang: 'vi' };
  }
}

export function remember(value: Remembered): void {
  localStorage.setItem(KEY, JSON.stringify(value));
}
