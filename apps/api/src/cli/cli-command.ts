import type { ParseArgsConfig } from 'node:util';
import type { INestApplicationContext } from '@nestjs/common';
import type { UiLanguage } from '#libs/contracts';
import type { AppConfig } from '../config/app-config.js';
import type { CliCommandMessages, CliTranslate } from './cli-i18n.js';

export type CliOptions = NonNullable<ParseArgsConfig['options']>;
export type CliValues = Record<string, string | boolean | undefined>;

export interface CliIo {
  /** True when stdout/stderr is a terminal (progress bars are drawn only then). */
  interactive: boolean;
  json: boolean;
  /** The user's language (LANG), and its wording of the lines a command prints. */
  language: UiLanguage;
  t: CliTranslate;
  /** Progress of a long command on stderr; silent in --json mode and when not on a terminal. */
  progress(label: string, done: number, total: number): void;
}

export interface CliCommandBase {
  name: string;
  /** Where the command's summary, usage line and output live in the locale files (`cli.commands.<messages>`). */
  messages: CliCommandMessages;
  options: CliOptions;
  /** Values required for the command to run, named as in `options`. */
  required?: string[];
}

/** A command that runs inside the application context (services, database). */
export interface AppCliCommand extends CliCommandBase {
  kind: 'app';
  run(app: INestApplicationContext, values: CliValues, io: CliIo, positionals: string[]): Promise<CliResult>;
}

/** A command that needs only the configuration (migrations). */
export interface ConfigCliCommand extends CliCommandBase {
  kind: 'config';
  run(config: AppConfig, values: CliValues, io: CliIo, positionals: string[]): Promise<CliResult>;
}

export type CliCommand = AppCliCommand | ConfigCliCommand;

/** What a command prints: `data` with --json, `text` lines otherwise. */
export interface CliResult {
  data: unknown;
  text: string[];
}

export const str = (values: CliValues, name: string): string | undefined => {
  const v = values[name];
  return typeof v === 'string' ? v : undefined;
};
