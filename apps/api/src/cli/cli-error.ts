import type { TranslateParams } from '../common/i18n/i18n.js';
import { type CliMessage, cliTranslator } from './cli-i18n.js';

/**
 * A failure of the command line itself, worded in the user's language when it is printed.
 * CLI_USAGE: the command was called wrongly (its usage line is printed with it);
 * CLI_FILE_UNREADABLE: a file named on the command line cannot be read.
 */
export class CliError extends Error {
  constructor(
    readonly code: 'CLI_USAGE' | 'CLI_FILE_UNREADABLE',
    readonly messageKey: CliMessage,
    readonly params: TranslateParams = {},
  ) {
    super(cliTranslator('en')(messageKey, params));
  }
}
