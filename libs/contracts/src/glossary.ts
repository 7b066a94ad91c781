import type { Cluster, ClusterForm, EntryForm, EntryKind, Finding, FindingKind, FormLocation, Severity } from '#libs/glossary';
import type { ConventionDefinition, ProposedForms, SchemeInfo, TextContext } from '#libs/transliteration';

export type { Cluster, ClusterForm, EntryForm, EntryKind, Finding, FindingKind, FormStatus, Severity } from '#libs/glossary';
export type { ConventionDefinition, ProposedForms, SchemeInfo, TextContext } from '#libs/transliteration';

/** A glossary an edition uses: its own, or one shared from another edition. */
export interface GlossaryView {
  id: string;
  name: string;
  description: string;
  /** The edition the glossary belongs to (whose members edit it). */
  projectId: string;
  projectTitle: string;
  own: boolean;
  /** Whether the caller may change its entries. */
  editable: boolean;
  entries: number;
}

export interface GlossaryEntryView {
  id: string;
  glossaryId: string;
  lemma: string | null;
  kind: EntryKind;
  firstName: string | null;
  patronymic: string | null;
  definition: string;
  notes: string;
  forms: Record<string, EntryForm[]>;
  revision: number;
  createdAt: string;
  updatedAt: string;
}

export interface GlossaryEntryHistoryView {
  id: string;
  action: string;
  actorId: string | null;
  actorName: string | null;
  source: string;
  before: Partial<GlossaryEntryView> | null;
  after: Partial<GlossaryEntryView> | null;
  createdAt: string;
}

/** An edition's transliteration for one target language, and how severe each kind of finding is. */
export interface EditionConventionView {
  language: string;
  /** A built-in scheme or convention id, or `custom` when the edition keeps its own convention. */
  scheme: string;
  convention: ConventionDefinition | null;
  severities: Record<FindingKind, Severity>;
  /** Whether the edition chose it (false: the default for the language). */
  chosen: boolean;
}

export interface GlossaryProposalView {
  lemma: string;
  forms: Record<string, ProposedForms>;
}

/** POST /glossary/check: findings of one text (live, from the editor) against the edition's glossary. */
export interface GlossaryCheckView {
  language: string;
  context: TextContext;
  findings: Finding[];
  /** Milliseconds the check took on the server (the editor shows findings within a keystroke). */
  tookMs: number;
}

/** A place a form is written, with the words around it. */
export type ReportLocation = FormLocation & { excerpt: string };

export type ReportCluster = Omit<Cluster, 'forms'> & {
  /** `locations` holds at most the first 200 places of a form; `count` counts them all. */
  forms: (Omit<ClusterForm, 'locations'> & { locations: ReportLocation[] })[];
  documentTitles: Record<string, string>;
};

export interface ConsistencyReportView {
  language: string;
  segments: number;
  clusters: ReportCluster[];
  tookMs: number;
}

export interface GlossarySuggestionView {
  lemma: string;
  /** The forms the Cyrillic name is written in, with their counts. */
  written: { form: string; count: number }[];
  count: number;
  kind: EntryKind;
  renderings: Record<string, string>;
  firstLocation: { documentId: string; segmentId: string };
}

export interface GlossaryImportView {
  created: number;
  updated: number;
  skipped: number;
  glossaryId: string;
}

export type GlossarySchemesView = SchemeInfo[];

/** GET …/documents/:documentId/glossary-findings: the stored findings of each variant that has any. */
export interface GlossaryFindingsView {
  segmentId: string;
  language: string;
  findings: Finding[];
  checkedAt: string;
}
