/** Project roles and what each may do. The API's project guard and the web app both read this table. */
export const PROJECT_ROLES = ['owner', 'translator', 'reviewer', 'publisher', 'viewer'] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];

export const PERMISSIONS = {
  /** See the edition, its chapters, segments, footnotes and members. */
  'project.read': ['owner', 'translator', 'reviewer', 'publisher', 'viewer'],
  /** Rename the edition, change its languages and conventions, delete it. */
  'project.manage': ['owner'],
  /** Add, remove and change members. */
  'members.manage': ['owner'],
  /** Change text of target-language variants and footnote bodies (limited to the member's languages). */
  'content.edit': ['owner', 'translator'],
  /** Change structure: split, merge, insert, delete, move segments; edit source text. */
  'structure.edit': ['owner', 'publisher'],
  /** Start comment threads, reply, resolve and reopen them (viewers only read them). */
  'comments.write': ['owner', 'translator', 'reviewer', 'publisher'],
  /** Approve or reject segments. */
  'review.decide': ['owner', 'reviewer'],
  /** Import books and translations. */
  'content.import': ['owner', 'publisher'],
  /** Add and change glossary entries (every change is kept in the history). */
  'glossary.edit': ['owner', 'publisher', 'reviewer', 'translator'],
  /** Set the edition's transliteration conventions and severities, create, link, import and delete glossaries. */
  'glossary.manage': ['owner', 'publisher'],
  /** Export editions and exchange formats. */
  'content.export': ['owner', 'publisher', 'reviewer', 'translator'],
} as const satisfies Record<string, readonly ProjectRole[]>;

export type Permission = keyof typeof PERMISSIONS;

export const roleAllows = (role: ProjectRole, permission: Permission): boolean =>
  (PERMISSIONS[permission] as readonly ProjectRole[]).includes(role);

export const isProjectRole = (value: unknown): value is ProjectRole =>
  typeof value === 'string' && (PROJECT_ROLES as readonly string[]).includes(value);
