import type { ImportWarning, UiLanguage } from '#libs/contracts';
import { translate } from '../common/i18n/i18n.js';

/**
 * A warning of the import report worded in `language`, from its code and params (the importer's own
 * `message` is English). A warning stored without params, by an import made before warnings carried
 * them, keeps its English.
 */
export function wordWarning(warning: ImportWarning, language: UiLanguage): ImportWarning {
  if (!warning.params) return warning;
  return { ...warning, message: translate(language, `importWarnings.${warning.code}`, warning.params) };
}

/** An import job's result (the report) with its warnings worded in `language`; anything else as it is. */
export function wordReportWarnings(result: unknown, language: UiLanguage): unknown {
  if (result === null || typeof result !== 'object') return result;
  const warnings = (result as { warnings?: unknown }).warnings;
  if (!Array.isArray(warnings)) return result;
  return { ...result, warnings: (warnings as ImportWarning[]).map((w) => wordWarning(w, language)) };
}
