/**
 * The shapes of identifiers, one rule each, for the API's validation, the socket's paths and the
 * collaboration schema alike.
 */

/** A UUID as PostgreSQL prints it (any version; case-insensitive). */
export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);

/** A BCP-47 language tag as the project accepts it: `en`, `ru`, `de`, `de-CH`, `sr-Latn`, `es-419`. */
export const LANGUAGE_TAG = /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|\d{3}))?$/;
export const isLanguageTag = (value: unknown): value is string => typeof value === 'string' && LANGUAGE_TAG.test(value);
