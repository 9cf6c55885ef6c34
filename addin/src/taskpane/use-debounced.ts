// A value that follows another after a pause in typing, so a search or a recount is asked for once
// the person stops, not at every key. Values are compared by content (JSON): an object rebuilt
// on every render is the same value while its content is.
import { useEffect, useState } from 'react';

export function useDebounced<T>(value: T, ms = 250): T {
  const key = JSON.stringify(value);
  const [settled, setSettled] = useState<{ key: string; value: T }>({ key, value });
  useEffect(() => {
    if (key === settled.key) return;
    const timer = setTimeout(() => setSettled({ key, value: JSON.parse(key) as T }), ms);
    return () => clearTimeout(timer);
  }, [key, ms, settled.key]);
  return settled.value;
}
