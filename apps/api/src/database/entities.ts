import { ApiToken } from '../auth/api-token.entity.js';
import { AuthSession } from '../auth/auth-session.entity.js';
import { Comment } from '../comments/comment.entity.js';
import { Document } from '../documents/document.entity.js';
import { Footnote } from '../footnotes/footnote.entity.js';
import { EditionConvention } from '../glossary/edition-convention.entity.js';
import { GlossaryEntry } from '../glossary/glossary-entry.entity.js';
import { Glossary } from '../glossary/glossary.entity.js';
import { ProjectGlossary } from '../glossary/project-glossary.entity.js';
import { HistoryEntry } from '../history/history-entry.entity.js';
import { Job } from '../jobs/job.entity.js';
import { ProjectMember } from '../projects/project-member.entity.js';
import { Project } from '../projects/project.entity.js';
import { Segment } from '../segments/segment.entity.js';
import { Variant } from '../segments/variant.entity.js';
import { User } from '../users/user.entity.js';

/** Every entity of the application; the one DataSource registers exactly these. */
export const entities = [User, ApiToken, AuthSession, Project, ProjectMember, Document, Segment, Variant, Footnote, HistoryEntry, Job, Comment, Glossary, ProjectGlossary, GlossaryEntry, EditionConvention];
