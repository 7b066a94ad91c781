/** Polls `check` until it stops throwing or the deadline passes; never a fixed sleep. */
export async function eventually<T>(check: () => Promise<T> | T, { timeout = 10_000, interval = 50 } = {}): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
  }
}
