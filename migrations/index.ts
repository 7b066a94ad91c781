import { UsersAndTokens1763700000000 } from './1763700000000-users-and-tokens.js';
import { ProjectsAndMembers1763700001000 } from './1763700001000-projects-and-members.js';
import { ContentModel1763700002000 } from './1763700002000-content-model.js';
import { Collaboration1763700003000 } from './1763700003000-collaboration.js';
import { AuthSessions1763700004000 } from './1763700004000-auth-sessions.js';
import { JobHeartbeats1763700005000 } from './1763700005000-job-heartbeats.js';
import { CollabMaterialized1763700006000 } from './1763700006000-collab-materialized.js';
import { ReviewAndComments1763700100000 } from './1763700100000-review-and-comments.js';
import { Glossary1763700110000 } from './1763700110000-glossary.js';
import { GlossaryFindings1763700110100 } from './1763700110100-glossary-findings.js';
import { ExportFiles1763700120000 } from './1763700120000-export-files.js';
import { AlignmentProposals1763700150000 } from './1763700150000-alignment-proposals.js';

/** Every migration, oldest first. A new migration is added here as well as in its own file. */
export const migrations = [
  UsersAndTokens1763700000000,
  ProjectsAndMembers1763700001000,
  ContentModel1763700002000,
  Collaboration1763700003000,
  AuthSessions1763700004000,
  JobHeartbeats1763700005000,
  CollabMaterialized1763700006000,
  ReviewAndComments1763700100000,
  Glossary1763700110000,
  GlossaryFindings1763700110100,
  ExportFiles1763700120000,
  AlignmentProposals1763700150000,
];
