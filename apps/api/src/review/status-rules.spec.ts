import { PROJECT_ROLES, type VariantStatus } from '#libs/contracts';
import { judgeStatusChange, type ReviewState } from './status-rules.js';

const FROM: ReviewState[] = ['untranslated', 'draft', 'translated', 'approved', 'rejected'];
const TO: VariantStatus[] = ['draft', 'translated', 'approved', 'rejected'];

describe('judgeStatusChange', () => {
  it('lets translators move their text between draft and translated, never out of approved', () => {
    expect(judgeStatusChange('translator', 'draft', 'translated', true)).toEqual({ ok: true, unchanged: false });
    expect(judgeStatusChange('translator', 'rejected', 'draft', true)).toEqual({ ok: true, unchanged: false });
    expect(judgeStatusChange('translator', 'approved', 'translated', true)).toEqual({ ok: false, code: 'STATUS_NOT_ALLOWED' });
    expect(judgeStatusChange('translator', 'translated', 'approved', true)).toEqual({ ok: false, code: 'STATUS_NOT_ALLOWED' });
  });

  it('lets reviewers approve and reject, but not declare text translated', () => {
    expect(judgeStatusChange('reviewer', 'translated', 'approved', true).ok).toBe(true);
    expect(judgeStatusChange('reviewer', 'approved', 'rejected', true).ok).toBe(true);
    expect(judgeStatusChange('reviewer', 'draft', 'translated', true)).toEqual({ ok: false, code: 'STATUS_NOT_ALLOWED' });
  });

  it('refuses anything but draft for a text that is empty', () => {
    for (const to of ['translated', 'approved', 'rejected'] as const) {
      expect(judgeStatusChange('owner', 'untranslated', to, false)).toEqual({ ok: false, code: 'STATUS_CHANGE_INVALID' });
    }
    expect(judgeStatusChange('owner', 'untranslated', 'draft', false).ok).toBe(true);
  });

  it('gives publishers and viewers no status change at all, and owners every one', () => {
    for (const from of FROM) {
      for (const to of TO) {
        expect(judgeStatusChange('viewer', from, to, true).ok).toBe(false);
        expect(judgeStatusChange('publisher', from, to, true).ok).toBe(false);
        expect(judgeStatusChange('owner', from, to, true).ok).toBe(true);
      }
    }
    expect(PROJECT_ROLES).toHaveLength(5);
  });
});
