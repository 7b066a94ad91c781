import type { CliCommand } from '../cli-command.js';
import { align } from './align.commands.js';
import { exportBook, importBook } from './content.commands.js';
import { dbMigrate, dbRevert } from './db.commands.js';
import { translit } from './glossary.commands.js';
import { progressCommand } from './progress.commands.js';
import { projectCreate } from './project.commands.js';
import { tokenCreate, userCreate, userPassword } from './user.commands.js';

/** Every CLI command; `npm run cli -- help` lists them. */
export const commands: CliCommand[] = [dbMigrate, dbRevert, userCreate, userPassword, tokenCreate, projectCreate, importBook, exportBook, progressCommand, translit, align];
