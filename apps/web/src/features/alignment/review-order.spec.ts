import type { ProposalBead } from '#libs/contracts';
import { reviewOrder } from './review-order.js';

const bead = (confidence: number, reviewed = false): ProposalBead => ({ source: [], target: [], confidence, reviewed });

describe('reviewOrder', () => {
  const beads = [bead(0.99), bead(0.4), bead(0.95), bead(0.7), bead(0.2, true)];

  it('puts the unreviewed doubtful beads first, least sure first, then the rest in reading order', () => {
    expect(reviewOrder(beads, 'doubtful')).toEqual([1, 3, 0, 2, 4]);
  });

  it('keeps reading order when asked', () => {
    expect(reviewOrder(beads, 'reading')).toEqual([0, 1, 2, 3, 4]);
  });
});
