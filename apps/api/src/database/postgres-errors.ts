import { QueryFailedError } from 'typeorm';

/** Did this query fail on the named unique index or constraint (SQLSTATE 23505)? */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  if (!(error instanceof QueryFailedError)) return false;
  const driverError = error.driverError as { code?: string; constraint?: string };
  return driverError.code === '23505' && (constraint === undefined || driverError.constraint === constraint);
}
