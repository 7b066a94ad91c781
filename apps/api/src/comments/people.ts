import type { EntityManager } from 'typeorm';
import type { PersonRef } from '#libs/contracts';

/** Names of users by id, in one query (display name, or the email when there is none). */
export async function peopleById(manager: EntityManager, ids: Iterable<string | null>): Promise<Map<string, PersonRef>> {
  const wanted = [...new Set([...ids].filter((id): id is string => Boolean(id)))];
  if (!wanted.length) return new Map();
  const rows = (await manager.query(`SELECT id, coalesce(nullif(display_name, ''), email) AS name FROM users WHERE id = ANY($1::uuid[])`, [
    wanted,
  ])) as PersonRef[];
  return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name }]));
}
