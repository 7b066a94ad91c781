import { nextVariantState, type VariantState } from './variant-state.js';

const at = new Date('2026-11-20T10:00:00Z');
const approved: VariantState = { contentHash: 'h1', status: 'approved', revision: 3, approval: { hash: 'h1', by: 'reviewer', at } };

describe('nextVariantState', () => {
  it('starts a new variant at revision 1, as a draft unless told otherwise', () => {
    expect(nextVariantState(null, { contentHash: 'h1' })).toEqual({
      contentHash: 'h1',
      status: 'draft',
      revision: 1,
      approval: null,
      textChanged: true,
      changed: true,
    });
    expect(nextVariantState(null, { contentHash: 'h1', statusIfChanged: 'translated' }).status).toBe('translated');
  });

  it('never lets a write claim an approval nobody gave', () => {
    expect(nextVariantState(null, { contentHash: 'h1', status: 'approved' })).toMatchObject({ status: 'translated', approval: null });
  });

  it('keeps an approval while the text is the one approved', () => {
    expect(nextVariantState(approved, { contentHash: 'h1' })).toMatchObject({ status: 'approved', revision: 3, approval: approved.approval, changed: false });
    expect(nextVariantState(approved, { contentHash: 'h1', status: 'approved' }).changed).toBe(false);
  });

  it('lets the approval lapse when the text changes, whatever status is asked', () => {
    expect(nextVariantState(approved, { contentHash: 'h2' })).toMatchObject({ status: 'translated', revision: 4, approval: null, textChanged: true });
    expect(nextVariantState(approved, { contentHash: 'h2', status: 'approved' })).toMatchObject({ status: 'translated', approval: null });
    expect(nextVariantState(approved, { contentHash: 'h2', statusIfChanged: 'draft' })).toMatchObject({ status: 'draft', approval: null });
  });

  it('drops the approval when a lesser status is asked for the same text', () => {
    expect(nextVariantState(approved, { contentHash: 'h1', status: 'rejected' })).toMatchObject({
      status: 'rejected',
      revision: 3,
      approval: null,
      textChanged: false,
      changed: true,
    });
  });

  it('grants an approval only for the text whose hash it names', () => {
    const draft: VariantState = { contentHash: 'h2', status: 'draft', revision: 2, approval: null };
    const given = { hash: 'h2', by: 'reviewer', at };
    expect(nextVariantState(draft, { contentHash: 'h2', approve: given })).toMatchObject({ status: 'approved', approval: given, changed: true });
    // The reviewer read h1; the text is h2 now.
    expect(nextVariantState(draft, { contentHash: 'h2', approve: { ...given, hash: 'h1' } })).toMatchObject({ status: 'draft', approval: null });
  });

  it('keeps a rejection or a status of an unchanged text as it is', () => {
    const rejected: VariantState = { contentHash: 'h1', status: 'rejected', revision: 1, approval: null };
    expect(nextVariantState(rejected, { contentHash: 'h1', statusIfChanged: 'translated' })).toMatchObject({ status: 'rejected', changed: false });
    expect(nextVariantState(rejected, { contentHash: 'h2' })).toMatchObject({ status: 'rejected', revision: 2 });
  });
});
