import { useCallback, useMemo, useState } from 'react';

const storageKey = (projectId: string) => `interlinea.columns.${projectId}`;

/**
 * Which languages the reader shows, remembered per edition in this browser. Never empty; languages
 * the edition no longer has are dropped; the edition's order is kept whatever order they were chosen in.
 */
export function useVisibleColumns(projectId: string, languages: string[]): [string[], (next: string[]) => void] {
  const [chosen, setChosen] = useState<string[]>(() => readStored(projectId) ?? languages);
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
        localStorage.setItem(storageKey(projectId), JSON.stringify(ordered));
      } catch {
        // Not remembered, but still applied.
      }
    },
    [projectId, languages],
  );
  return [effective, update];
}

function readStored(projectId: string): string[] | null {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(storageKey(projectId)) ?? 'null');
    if (Array.isArray(parsed) && parsed.every((item) => typeof item === 'string')) return parsed;
  } catch {
    // unreadable: the default applies
  }
  return null;
}
