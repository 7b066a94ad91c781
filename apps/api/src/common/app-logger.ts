import { ConsoleLogger, type LogLevel as NestLogLevel } from '@nestjs/common';
import { type LogLevel, LOG_LEVELS } from '../config/app-config.js';

/** Nest's start-up chatter (every module and route) is for debugging, not for the log of a running server. */
const NOISY_CONTEXTS = new Set(['InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestFactory']);

export class AppLogger extends ConsoleLogger {
  constructor(private readonly level: LogLevel) {
    super({ logLevels: LOG_LEVELS.slice(0, LOG_LEVELS.indexOf(level) + 1) as NestLogLevel[] });
  }

  override log(message: unknown, context?: string): void {
    if (context && NOISY_CONTEXTS.has(context) && this.level !== 'debug' && this.level !== 'verbose') return;
    super.log(message, context);
  }
}
