import 'reflect-metadata';
import { parseArgs } from 'node:util';
import type { UiLanguage } from '#libs/contracts';
import { DomainError } from '../common/errors/domain-error.js';
import { renderError } from '../common/errors/domain-error.filter.js';
import { ConfigError, loadConfig } from '../config/app-config.js';
import type { CliCommand, CliIo, CliResult, CliValues } from './cli-command.js';
import { openCliContext } from './cli-context.js';
import { CliError } from './cli-error.js';
import { type CliTranslate, cliLanguage, cliTranslator } from './cli-i18n.js';
import { commands } from './commands/index.js';
import { createProgress } from './progress.js';

function help(t: CliTranslate): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    t('help.usage'),
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${t(`commands.${c.messages}.summary`)}`),
    '',
    t('help.json'),
    t('help.config'),
  ].join('\n');
}

const usageLine = (command: CliCommand, t: CliTranslate): string => t('usage', { usage: t(`commands.${command.messages}.usage`) });

/**
 * Node's parseArgs errors as usage errors in the user's language. Node names the option only inside
 * its English sentence ("Unknown option '--foo'. …"), so it is read from there.
 */
function parseArgsError(error: unknown): CliError | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  const option = /'(-[^' ]*)/.exec(message)?.[1] ?? '?';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new CliError('CLI_USAGE', 'errors.unknownOption', { option });
  if (code !== 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') return undefined;
  if (message.includes('does not take an argument')) return new CliError('CLI_USAGE', 'errors.valueNotAllowed', { option });
  if (message.includes('ambiguous')) return new CliError('CLI_USAGE', 'errors.valueAmbiguous', { option });
  return new CliError('CLI_USAGE', 'errors.valueMissing', { option });
}

async function run(command: CliCommand, argv: string[], language: UiLanguage, t: CliTranslate): Promise<CliResult> {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...command.options, json: { type: 'boolean' }, help: { type: 'boolean' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    throw parseArgsError(error) ?? error;
  }
  const values = parsed.values as CliValues;
  const positionals = parsed.positionals;
  const json = values.json === true;
  if (values.help) return { data: { usage: cliTranslator('en')(`commands.${command.messages}.usage`) }, text: [usageLine(command, t)] };
  const missing = (command.required ?? []).filter((name) => values[name] === undefined);
  if (missing.length) throw new CliError('CLI_USAGE', 'errors.missing', { options: missing.map((m) => `--${m}`).join(', ') });
  const progress = createProgress(process.stderr, !json && process.stderr.isTTY === true);
  const io: CliIo = { interactive: process.stdout.isTTY === true, json, language, t, progress: progress.update };
  const config = loadConfig();
  try {
    if (command.kind === 'config') return await command.run(config, values, io, positionals);
    const context = await openCliContext(config);
    try {
      return await command.run(context.app, values, io, positionals);
    } finally {
      await context.close();
    }
  } finally {
    progress.end();
  }
}

/** What --json prints under `error`: a stable code, and a message in the user's language. */
function errorBody(error: unknown, language: UiLanguage): { code: string; message: string } {
  if (error instanceof DomainError) return renderError(error, language).error;
  if (error instanceof CliError) return { code: error.code, message: cliTranslator(language)(error.messageKey, error.params) };
  return {
    code: error instanceof ConfigError ? 'CONFIG_INVALID' : 'CLI_ERROR',
    message: error instanceof Error ? error.message : String(error),
  };
}

async function main(argv: string[]): Promise<number> {
  const language = cliLanguage(process.env);
  const t = cliTranslator(language);
  const [name, ...rest] = argv;
  const json = rest.includes('--json');
  if (!name || name === 'help' || name === '--help') {
    console.log(help(t));
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    const message = t('errors.unknownCommand', { name });
    if (json) console.log(JSON.stringify({ error: { code: 'CLI_USAGE', message } }, null, 2));
    else console.error(`${message}\n\n${help(t)}`);
    return 2;
  }
  try {
    const result = await run(command, rest, language, t);
    console.log(json ? JSON.stringify(result.data, null, 2) : result.text.join('\n'));
    return 0;
  } catch (error) {
    const body = errorBody(error, language);
    if (json) console.log(JSON.stringify({ error: body }, null, 2));
    else {
      console.error(t('errors.prefix', { message: body.message }));
      if (error instanceof CliError && error.code === 'CLI_USAGE') console.error(usageLine(command, t));
    }
    if (!(error instanceof DomainError) && !(error instanceof ConfigError) && !(error instanceof CliError) && process.env.DEBUG) console.error(error);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
