import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { UiLanguage, UserSummary } from '#libs/contracts';

@Entity({ name: 'users' })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Always lower-case; the unique index is on this column. */
  @Column('text')
  email: string;

  @Column('text')
  displayName: string;

  @Column('text', { select: false })
  passwordHash: string;

  @Column('boolean', { default: false })
  isAdmin: boolean;

  @Column('text', { default: 'en' })
  locale: UiLanguage;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

export const toUserSummary = (u: User): UserSummary => ({
  id: u.id,
  email: u.email,
  displayName: u.displayName,
  isAdmin: u.isAdmin,
  locale: u.locale,
});
