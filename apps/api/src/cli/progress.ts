/**
 * A one-line progress bar on stderr, redrawn in place; only on a terminal, so logs and pipes stay clean.
 */
export function createProgress(stream: NodeJS.WriteStream, enabled: boolean) {
  let lastDraw = 0;
  let lastLabel = '';
  return {
    update(label: string, done: number, total: number): void {
      if (!enabled) return;
      const now = Date.now();
      const finished = total > 0 && done >= total;
      if (!finished && label === lastLabel && now - lastDraw < 80) return;
      lastDraw = now;
      lastLabel = label;
      const width = 30;
      const ratio = total > 0 ? Math.min(1, done / total) : 0;
      const filled = Math.round(ratio * width);
      const bar = `${'█'.repeat(filled)}${'░'.repeat(width - filled)}`;
      stream.write(`\r${label.padEnd(24).slice(0, 24)} ${bar} ${String(Math.round(ratio * 100)).padStart(3)}%`);
      if (finished) stream.write('\n');
    },
    end(): void {
      if (enabled && lastLabel) stream.write('\n');
      lastLabel = '';
    },
  };
}
