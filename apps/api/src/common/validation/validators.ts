import { Matches, ValidateBy, type ValidationOptions } from 'class-validator';
import { LANGUAGE_TAG } from '#libs/contracts';

/**
 * Pattern checks with their own message key: the context's `key` replaces class-validator's generic
 * `matches` in the VALIDATION_FAILED response, so the caller reads what is expected.
 */
const pattern = (regex: RegExp, key: string) => (options: ValidationOptions = {}): PropertyDecorator =>
  Matches(regex, { ...options, context: { key } });

/** A BCP-47 language tag such as `en`, `ru`, `de`, `de-CH`, `sr-Latn`. */
export { LANGUAGE_TAG } from '#libs/contracts';
export const IsLanguageTag = pattern(LANGUAGE_TAG, 'isLanguageTag');

/** Short URL-safe name of an edition. */
export const SLUG = /^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$/;
export const IsSlug = pattern(SLUG, 'isSlug');

/** `{ en: 'Introduction', ru: 'Введение' }`: language tags to non-empty texts of at most 500 characters. */
export const IsTitleMap = (options: ValidationOptions = {}): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isTitleMap',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.entries(value).every(
            ([k, v]) => LANGUAGE_TAG.test(k) && typeof v === 'string' && v.trim().length > 0 && v.length <= 500,
          ),
      },
    },
    options,
  );

/** Text with something in it: spaces alone (once stored as "") are refused. */
export const IsNotBlank = (options: ValidationOptions = {}): PropertyDecorator =>
  ValidateBy({ name: 'isNotBlank', validator: { validate: (value: unknown) => typeof value === 'string' && value.trim() !== '' } }, options);

/** `{ en: 120, ru: 98 }`: at least one language tag, each to a whole number ≥ 0. */
export const IsOffsetMap = (options: ValidationOptions = {}): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isOffsetMap',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.keys(value).length > 0 &&
          Object.entries(value).every(([k, v]) => LANGUAGE_TAG.test(k) && Number.isSafeInteger(v) && (v as number) >= 0),
      },
    },
    options,
  );
