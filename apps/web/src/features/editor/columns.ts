import { useCallback, useMemo, useState } from 'react';

const storageKey = (userId: string, projectId: string) => `interlinea.columns.${userId}.${projectId}`;

/**
 * Which languages the editor shows, remembered per person and edition in this browser. Never empty; languages
 * the edition no longer has are dropped; the edition's order is kept whatever order they were chosen in.
 */
export function useVisibleColumns(userId: string, projectId: string, languages: string[]): [string[], (next: string[]) => void] {
  const [chosen, setChosen] = useState<string[]>(() => readStored(userId, projectId) ?? languages);
  // Stable between renders, so memoised rows re-render only when the choice changes.
  const effective = useMemo(() => {
    const visible = languages.filter((language) => chosen.includes(language));
    return visible.length > 0 ? visible : languages;
  }, [languages, chosen]);

  const update = useCallback(
    (next: string[]) => {
      const ordered = languages.filter((language) => next.includes(language));
      if (ordered.length === 0) return;
      setChosen(ordered);
      try {
        localStorage.setItem(storageKey(userId, projectId), JSON.stringify(ordered));
      } catch {
        // Not remembered, but still applied.
      }
    },
    [userId, projectId, languages],
  );
  return [effective, update];
}

function readStored(userId: string, projectId: string): string[] | null {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey(userId, projectId)) ?? 'null');
    if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) return parsed;
  } catch {
    // unreadable: the default applies
  }
  return null;
}
