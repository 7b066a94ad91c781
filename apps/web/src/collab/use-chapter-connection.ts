import { useEffect, useState, useSyncExternalStore } from 'react';
import { ChapterConnection, type ChapterConnectionOptions, type ConnectionState } from './chapter-connection.js';

/** One connection per chapter page (and per `epoch`: a new one after the chapter was rebuilt); closed when it unmounts. */
export function useChapterConnection(options: ChapterConnectionOptions & { epoch: number }): ChapterConnection | null {
  const [connection, setConnection] = useState<ChapterConnection | null>(null);
  const { documentId, userId, epoch } = options;
  useEffect(() => {
    const created = new ChapterConnection(options);
    setConnection(created);
    return () => {
      created.destroy();
      setConnection(null);
    };
    // One connection per chapter and account; the callbacks are read when called.
  }, [documentId, userId, epoch]);
  return connection;
}

const IDLE: ConnectionState = { status: 'connecting', loaded: false, synced: false, saved: true, fatal: null, rightsChanged: 0 };

export function useConnectionState(connection: ChapterConnection | null): ConnectionState {
  return useSyncExternalStore(
    (listener) => connection?.subscribe(listener) ?? (() => {}),
    () => connection?.current ?? IDLE,
  );
}

/** Warns before the tab closes while edits are not yet stored on the server. */
export function useUnsavedWarning(unsaved: boolean): void {
  useEffect(() => {
    if (!unsaved) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [unsaved]);
}
