import { randomBytes } from 'node:crypto';
import { AuthService } from '../../auth/auth.service.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { toUserSummary } from '../../users/user.entity.js';
import { UsersService } from '../../users/users.service.js';
import { type AppCliCommand, type CliValues, str } from '../cli-command.js';
import { CliError } from '../cli-error.js';

/** --password, or a generated one (which the command then prints). */
function passwordOf(values: CliValues): { password: string; generated: boolean } {
  const given = str(values, 'password');
  if (given !== undefined && given.length < 8) throw new CliError('CLI_USAGE', 'errors.passwordTooShort');
  return given === undefined ? { password: randomBytes(12).toString('base64url'), generated: true } : { password: given, generated: false };
}

export const userCreate: AppCliCommand = {
  kind: 'app',
  name: 'user:create',
  messages: 'userCreate',
  options: {
    email: { type: 'string' },
    password: { type: 'string' },
    name: { type: 'string' },
    admin: { type: 'boolean' },
    locale: { type: 'string' },
  },
  required: ['email'],
  async run(app, values, { t }) {
    const locale = str(values, 'locale');
    if (locale !== undefined && !['en', 'ru', 'de'].includes(locale)) throw new CliError('CLI_USAGE', 'errors.localeInvalid', { locale });
    const { password, generated } = passwordOf(values);
    const user = await app.get(UsersService).create({
      email: str(values, 'email')!,
      password,
      displayName: str(values, 'name'),
      isAdmin: values.admin === true,
      locale: locale as 'en' | 'ru' | 'de' | undefined,
    });
    const summary = toUserSummary(user);
    return {
      data: { user: summary, ...(generated ? { password } : {}) },
      text: [
        t(summary.isAdmin ? 'commands.userCreate.createdAdmin' : 'commands.userCreate.createdUser', { email: summary.email, id: summary.id }),
        ...(generated ? [t('password', { password })] : []),
      ],
    };
  },
};

export const userPassword: AppCliCommand = {
  kind: 'app',
  name: 'user:password',
  messages: 'userPassword',
  options: { email: { type: 'string' }, password: { type: 'string' } },
  required: ['email'],
  async run(app, values, { t }) {
    const email = str(values, 'email')!;
    const { password, generated } = passwordOf(values);
    const user = await app.get(UsersService).findByEmail(email);
    if (!user) throw new DomainError('USER_NOT_FOUND', { user: email });
    const revoked = await app.get(AuthService).resetPassword(user.id, password);
    return {
      data: { user: toUserSummary(user), revokedSessions: revoked, ...(generated ? { password } : {}) },
      text: [t('commands.userPassword.set', { email: user.email, count: revoked }), ...(generated ? [t('password', { password })] : [])],
    };
  },
};

export const tokenCreate: AppCliCommand = {
  kind: 'app',
  name: 'token:create',
  messages: 'tokenCreate',
  options: { email: { type: 'string' }, name: { type: 'string' }, days: { type: 'string' } },
  required: ['email', 'name'],
  async run(app, values, { t }) {
    const email = str(values, 'email')!;
    const user = await app.get(UsersService).findByEmail(email);
    if (!user) throw new DomainError('USER_NOT_FOUND', { user: email });
    const daysText = str(values, 'days');
    const days = daysText === undefined ? undefined : Number(daysText);
    if (days !== undefined && (!Number.isInteger(days) || days < 1)) throw new CliError('CLI_USAGE', 'errors.daysInvalid');
    const token = await app.get(AuthService).createApiToken(user.id, str(values, 'name')!, days);
    const named = { name: token.name, email: user.email };
    return {
      data: token,
      text: [
        token.expiresAt ? t('commands.tokenCreate.createdUntil', { ...named, date: token.expiresAt }) : t('commands.tokenCreate.created', named),
        token.token,
        t('commands.tokenCreate.secret'),
      ],
    };
  },
};
