import { listSchemes, TEXT_CONTEXTS, transliterate, type TextContext } from '#libs/transliteration';
import type { ConfigCliCommand } from '../cli-command.js';
import { str } from '../cli-command.js';
import { CliError } from '../cli-error.js';
import { transliterationDomainError } from '../../glossary/transliteration-errors.js';

/** Pure transliteration: needs no database, so it runs with the configuration alone. */
export const translit: ConfigCliCommand = {
  kind: 'config',
  name: 'translit',
  messages: 'translit',
  options: { scheme: { type: 'string' }, context: { type: 'string' }, list: { type: 'boolean' } },
  async run(_config, values, io, words) {
    const { t } = io;
    if (values.list) {
      const schemes = listSchemes();
      const width = Math.max(...schemes.map((s) => s.id.length));
      const lines = schemes.map((s) => t('commands.translit.scheme', { ...s, id: s.id.padEnd(width) }));
      return { data: schemes, text: [t('commands.translit.schemes'), ...lines] };
    }
    const scheme = str(values, 'scheme');
    if (!scheme) throw new CliError('CLI_USAGE', 'errors.missing', { options: '--scheme' });
    const context = str(values, 'context') ?? 'main';
    if (!(TEXT_CONTEXTS as readonly string[]).includes(context)) throw new CliError('CLI_USAGE', 'commands.translit.contextInvalid', { context });
    if (words.length === 0) throw new CliError('CLI_USAGE', 'commands.translit.wordsMissing');
    try {
      const rows = words.map((input) => ({ input, output: transliterate(input, scheme, { context: context as TextContext }) }));
      return { data: rows, text: rows.map((r) => `${r.input}\t${r.output}`) };
    } catch (error) {
      throw transliterationDomainError(error);
    }
  },
};
