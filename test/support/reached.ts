// Waiting for what a server does in its own time (a process, a timer): polls every 100 ms until
// `value` gives something; the limit only stops a stuck test, it is not a speed claim.
export async function reached<T>(
  what: string,
  value: () => Promise<T | null> | T | null,
  limitMs = 120_000,
): Promise<T> {
  const end = Date.now() + limitMs;
  for (;;) {
    const v = await value();
    if (v) return v;
    if (Date.now() > end) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
