import { LOW_CONFIDENCE, type ProposalBead } from '#libs/contracts';

export type ReviewOrder = 'doubtful' | 'reading';

/**
 * The order the review page lists beads in: least sure first (unreviewed beads below the threshold,
 * by confidence, then the rest in reading order), or simply reading order. Indices into `beads`.
 */
export function reviewOrder(beads: readonly ProposalBead[], order: ReviewOrder): number[] {
  const all = beads.map((_, i) => i);
  if (order === 'reading') return all;
  const doubtful = (b: ProposalBead) => !b.reviewed && b.confidence < LOW_CONFIDENCE;
  return [...all.filter((i) => doubtful(beads[i]!)).sort((a, b) => beads[a]!.confidence - beads[b]!.confidence || a - b), ...all.filter((i) => !doubtful(beads[i]!))];
}
