import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { UI_LANGUAGES, type UiLanguage } from '#libs/contracts';
import { DomainError } from '../common/errors/domain-error.js';
import { renderError } from '../common/errors/domain-error.filter.js';
import { ConfigError, loadConfig } from '../config/app-config.js';
import type { CliCommand, CliIo, CliResult, CliValues } from './cli-command.js';
import { openCliContext } from './cli-context.js';
import { commands } from './commands/index.js';
import { createProgress } from './progress.js';

/** The CLI's language, from LC_ALL / LC_MESSAGES / LANG (`de_DE.UTF-8` → de). */
function cliLanguage(env: NodeJS.ProcessEnv): UiLanguage {
  const tag = (env.LC_ALL || env.LC_MESSAGES || env.LANG || 'en').slice(0, 2).toLowerCase();
  return (UI_LANGUAGES as readonly string[]).includes(tag) ? (tag as UiLanguage) : 'en';
}

function help(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: npm run cli -- <command> [options] [--json]',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'Every command accepts --json for machine-readable output on stdout.',
    'Configuration comes from the environment (DATABASE_URL, DATA_DIR, …), as for the server.',
  ].join('\n');
}

async function run(command: CliCommand, argv: string[]): Promise<CliResult> {
  const parsed = parseArgs({
    args: argv,
    options: { ...command.options, json: { type: 'boolean' }, help: { type: 'boolean' } },
    allowPositionals: true,
    strict: true,
  });
  const values = parsed.values as CliValues;
  const positionals = parsed.positionals;
  const json = values.json === true;
  if (values.help) return { data: { usage: command.usage }, text: [`Usage: npm run cli -- ${command.usage}`] };
  const missing = (command.required ?? []).filter((name) => values[name] === undefined);
  if (missing.length) {
    throw new Error(`missing ${missing.map((m) => `--${m}`).join(', ')}\nUsage: npm run cli -- ${command.usage}`);
  }
  const progress = createProgress(process.stderr, !json && process.stderr.isTTY === true);
  const io: CliIo = { interactive: process.stdout.isTTY === true, json, progress: progress.update };
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

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  const json = rest.includes('--json');
  if (!name || name === 'help' || name === '--help') {
    console.log(help());
    return name ? 0 : 2;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    console.error(`Unknown command "${name}".\n\n${help()}`);
    return 2;
  }
  try {
    const result = await run(command, rest);
    console.log(json ? JSON.stringify(result.data, null, 2) : result.text.join('\n'));
    return 0;
  } catch (error) {
    const language = cliLanguage(process.env);
    const body =
      error instanceof DomainError
        ? renderError(error, language).error
        : {
            code: error instanceof ConfigError ? 'CONFIG_INVALID' : 'CLI_ERROR',
            message: error instanceof Error ? error.message : String(error),
          };
    if (json) console.log(JSON.stringify({ error: body }, null, 2));
    else console.error(`Error: ${body.message}`);
    if (!(error instanceof DomainError) && !(error instanceof ConfigError) && process.env.DEBUG) console.error(error);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
