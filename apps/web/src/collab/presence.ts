import { useEffect, useState } from 'react';
import type { Awareness } from 'y-protocols/awareness';

/** Colours for people's carets and avatars: distinct, and dark enough for white text (AA). */
const COLOURS = [
  '#b4233c', '#1c6b3a', '#1d4f91', '#8a4b00', '#6b2d8c', '#0f6670',
  '#9c2a6b', '#4d5a12', '#a33f00', '#3b4a9e', '#6d4c41', '#00695c',
];

/** A person's colour, the same in every tab and for everyone (FNV-1a of the user id). */
export function userColour(userId: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < userId.length; i++) hash = Math.imul(hash ^ userId.charCodeAt(i), 0x01000193) >>> 0;
  return COLOURS[hash % COLOURS.length]!;
}

export interface Person {
  clientId: number;
  userId: string;
  name: string;
  colour: string;
  /** Where their caret is, if in a cell. */
  segmentId: string | null;
  lang: string | null;
}

/** Everyone else in the chapter, as the server stamped them (one entry per tab). */
export function usePeople(awareness: Awareness | null): Person[] {
  const [people, setPeople] = useState<Person[]>([]);
  useEffect(() => {
    if (!awareness) return;
    const read = () => {
      const out: Person[] = [];
      awareness.getStates().forEach((state, clientId) => {
        if (clientId === awareness.clientID) return;
        const user = state.user as { id?: unknown; name?: unknown } | undefined;
        if (!user || typeof user.id !== 'string') return;
        const cursor = state.cursor as { segmentId?: unknown; lang?: unknown } | null | undefined;
        out.push({
          clientId,
          userId: user.id,
          name: typeof user.name === 'string' ? user.name : '?',
          colour: userColour(user.id),
          segmentId: typeof cursor?.segmentId === 'string' ? cursor.segmentId : null,
          lang: typeof cursor?.lang === 'string' ? cursor.lang : null,
        });
      });
      out.sort((a, b) => a.name.localeCompare(b.name) || a.clientId - b.clientId);
      setPeople((previous) => (JSON.stringify(previous) === JSON.stringify(out) ? previous : out));
    };
    read();
    awareness.on('change', read);
    return () => awareness.off('change', read);
  }, [awareness]);
  return people;
}
