import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import type { UiLanguage } from '#libs/contracts';
import { hashPassword } from '../auth/password-hasher.js';
import { DomainError } from '../common/errors/domain-error.js';
import { isUniqueViolation } from '../database/postgres-errors.js';
import { User } from './user.entity.js';

export interface NewUser {
  email: string;
  displayName?: string;
  password: string;
  isAdmin?: boolean;
  locale?: UiLanguage;
}

@Injectable()
export class UsersService {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  /** Creates an account; pass the manager of a running transaction to make it part of that transaction. */
  async create(input: NewUser, manager: EntityManager = this.users.manager): Promise<User> {
    const email = normalizeEmail(input.email);
    const user = manager.create(User, {
      email,
      displayName: input.displayName?.trim() || email.split('@')[0],
      passwordHash: await hashPassword(input.password),
      isAdmin: input.isAdmin ?? false,
      locale: input.locale ?? 'en',
    });
    try {
      return await manager.save(user);
    } catch (error) {
      if (isUniqueViolation(error, 'uq_users_email')) throw new DomainError('EMAIL_TAKEN', { email });
      throw error;
    }
  }

  async get(id: string): Promise<User> {
    const user = await this.users.findOneBy({ id });
    if (!user) throw new DomainError('USER_NOT_FOUND', { user: id });
    return user;
  }

  findByEmail(email: string): Promise<User | null> {
    return this.users.findOneBy({ email: normalizeEmail(email) });
  }

  /** The user with the password hash, for login only. */
  findWithPasswordHash(email: string): Promise<User | null> {
    return this.users
      .createQueryBuilder('u')
      .addSelect('u.passwordHash')
      .where('u.email = :email', { email: normalizeEmail(email) })
      .getOne();
  }

  /** The password hash of a user, for checking a password change only. */
  async passwordHash(id: string): Promise<string> {
    const row = await this.users.createQueryBuilder('u').addSelect('u.passwordHash').where('u.id = :id', { id }).getOne();
    if (!row) throw new DomainError('USER_NOT_FOUND', { user: id });
    return row.passwordHash;
  }

  async setPassword(id: string, password: string): Promise<void> {
    const result = await this.users.update({ id }, { passwordHash: await hashPassword(password) });
    if (!result.affected) throw new DomainError('USER_NOT_FOUND', { user: id });
  }

  async updateSettings(id: string, settings: { locale?: UiLanguage }): Promise<User> {
    if (settings.locale !== undefined) await this.users.update({ id }, { locale: settings.locale });
    return this.get(id);
  }

  count(): Promise<number> {
    return this.users.count();
  }
}

export const normalizeEmail = (email: string): string => email.trim().toLowerCase();
