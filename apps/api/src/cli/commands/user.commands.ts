import { randomBytes } from 'node:crypto';
import { AuthService } from '../../auth/auth.service.js';
import { DomainError } from '../../common/errors/domain-error.js';
import { toUserSummary } from '../../users/user.entity.js';
import { UsersService } from '../../users/users.service.js';
import { type AppCliCommand, str } from '../cli-command.js';

export const userCreate: AppCliCommand = {
  kind: 'app',
  name: 'user:create',
  summary: 'Create an account (a password is generated and printed when none is given)',
  usage: 'user:create --email EMAIL [--password PASSWORD] [--name NAME] [--admin] [--locale en|ru|de]',
  options: {
    email: { type: 'string' },
    password: { type: 'string' },
    name: { type: 'string' },
    admin: { type: 'boolean' },
    locale: { type: 'string' },
  },
  required: ['email'],
  async run(app, values) {
    const generated = str(values, 'password') === undefined;
    const password = str(values, 'password') ?? randomBytes(12).toString('base64url');
    const locale = str(values, 'locale');
    if (locale !== undefined && !['en', 'ru', 'de'].includes(locale)) {
      throw new Error(`--locale must be en, ru or de, got "${locale}"`);
    }
    if (password.length < 8) throw new Error('--password must be at least 8 characters long');
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
        `Created ${summary.isAdmin ? 'administrator' : 'user'} ${summary.email} (${summary.id})`,
        ...(generated ? [`Password: ${password}`] : []),
      ],
    };
  },
};

export const userPassword: AppCliCommand = {
  kind: 'app',
  name: 'user:password',
  summary: "Set a user's password (a new one is generated and printed when none is given); their sessions end",
  usage: 'user:password --email EMAIL [--password PASSWORD]',
  options: { email: { type: 'string' }, password: { type: 'string' } },
  required: ['email'],
  async run(app, values) {
    const email = str(values, 'email')!;
    const generated = str(values, 'password') === undefined;
    const password = str(values, 'password') ?? randomBytes(12).toString('base64url');
    if (password.length < 8) throw new Error('--password must be at least 8 characters long');
    const user = await app.get(UsersService).findByEmail(email);
    if (!user) throw new DomainError('USER_NOT_FOUND', { user: email });
    const revoked = await app.get(AuthService).resetPassword(user.id, password);
    return {
      data: { user: toUserSummary(user), revokedSessions: revoked, ...(generated ? { password } : {}) },
      text: [
        `New password set for ${user.email}; ${revoked} session(s) signed out`,
        ...(generated ? [`Password: ${password}`] : []),
      ],
    };
  },
};

export const tokenCreate: AppCliCommand = {
  kind: 'app',
  name: 'token:create',
  summary: 'Create a personal API token for a user (shown once)',
  usage: 'token:create --email EMAIL --name NAME [--days N]',
  options: { email: { type: 'string' }, name: { type: 'string' }, days: { type: 'string' } },
  required: ['email', 'name'],
  async run(app, values) {
    const email = str(values, 'email')!;
    const user = await app.get(UsersService).findByEmail(email);
    if (!user) throw new DomainError('USER_NOT_FOUND', { user: email });
    const daysText = str(values, 'days');
    const days = daysText === undefined ? undefined : Number(daysText);
    if (days !== undefined && (!Number.isInteger(days) || days < 1)) throw new Error('--days must be a whole number ≥ 1');
    const token = await app.get(AuthService).createApiToken(user.id, str(values, 'name')!, days);
    return {
      data: token,
      text: [
        `Token "${token.name}" for ${user.email}${token.expiresAt ? `, valid until ${token.expiresAt}` : ''}:`,
        token.token,
        'Keep it secret: it is shown only now. Use it as "Authorization: Bearer <token>".',
      ],
    };
  },
};
