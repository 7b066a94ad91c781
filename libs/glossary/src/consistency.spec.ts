import { describeWithShared } from '../../../test/support/shared-data.js';
import { corpusBookSegments } from '../test/corpus.js';
import { consistencyReport, transliterationKey, type Cluster } from './consistency.js';
import { TermIndex } from './term-index.js';

const formsOf = (clusters: Cluster[], form: string): string[] | undefined =>
  clusters.find((c) => c.forms.some((f) => f.form === form))?.forms.map((f) => f.form);

describeWithShared()('consistency report of the larger corpus book', () => {
  const segments = corpusBookSegments();
  const report = consistencyReport(segments, 'en');

  // Found by reading the larger corpus book (Rogovin, in translation): names and titles it spells more
  // than one way. Counts are how often each spelling occurs in its English text and notes.
  const EXPECTED: [string, number][][] = [
    [['Trotsky', 570], ['Trotskii', 35]],
    [['Zinoviev', 82], ['Zinov’ev', 1]],
    [['Tomsy', 60], ['Tomsky', 13], ['Tomskey', 4], ['Tmsky', 1]],
    [['Riazanov', 25], ['Ryazanov', 1]],
    [['Verkhneuralsk', 13], ['Verkhneural’sk', 6]],
    [['Grigory', 10], ['Grigorii', 1]],
    [['Georgy', 4], ['Georgii', 3], ['Georgi', 1]],
    [['Yuri', 4], ['Yurii', 3]],
    [['Martemian', 5], ['Martem’ian', 3]],
    [['Raskolnikov', 7], ['Raskol’nikov', 1]],
    [['Blumkin', 6], ['Bliumkin', 1]],
    [['Barmine', 4], ['Barmin', 1]],
    [['Nicolaevsky', 3], ['Nikolaevsky', 1]],
    [['Mandelshtam', 4], ['Mandelstam', 1]],
    [['Togliatti', 9], ['Tol’iatti', 1]],
    [['Astrov', 8], ['Astrof', 1]],
    [['Kozlov', 4], ['Koslov', 1]],
    [['Lifshits', 4], ['Livshits', 1]],
    [['Aleksandr', 43], ['Alexander', 3]],
    [['Lubianka', 1], ['Lubyanka', 1]],
    [['Eltsin', 1], ['Yeltsin', 1]],
    [['Holtzman', 1], ['Holtzmann', 1]],
    [['Manuilsky', 1], ['Manuisky', 1]],
    [['Skrypnik', 1], ['Skrypnyk', 1]],
    [['Znamia', 11], ['Znamya', 1]],
  ];

  it.each(EXPECTED.map((c) => [c.map(([f]) => f).join(' / '), c]))('finds %s', (_, cluster) => {
    const found = report.find((c) => c.forms.some((f) => f.form === cluster[0]![0]));
    expect(found?.forms.filter((f) => cluster.some(([form]) => form === f.form)).map((f) => [f.form, f.count])).toEqual(cluster);
  });

  it('keeps look-alikes apart', () => {
    expect(formsOf(report, 'Tomsky')).not.toContain('Tomsk');
    expect(formsOf(report, 'Lenin')).toBeUndefined(); // written one way only: Levin is another man
    expect(formsOf(report, 'Kalinin')).toBeUndefined();
    expect(formsOf(report, 'Russia')).toBeUndefined();
    expect(formsOf(report, 'Ulyanova')).toBeUndefined(); // not the patronymic Yulianovna
  });

  it('says where each spelling is, in which context', () => {
    const tomsky = report.find((c) => c.main === 'Tomsy')!;
    const tomskey = tomsky.forms.find((f) => f.form === 'Tomskey')!;
    const seg = segments.find((s) => s.segmentId === tomskey.locations[0]!.segmentId)!;
    expect(seg.text.slice(tomskey.locations[0]!.start, tomskey.locations[0]!.end)).toBe('Tomskey');
    const trotskii = report.find((c) => c.main === 'Trotsky')!.forms.find((f) => f.form === 'Trotskii')!;
    expect(new Set(trotskii.locations.map((l) => l.context))).toEqual(new Set(['footnote']));
  });

  it('uses the glossary: its forms join, two entries never do, and each form carries its status', () => {
    const index = new TermIndex([
      { id: 'barmin', lemma: 'Бармин', kind: 'person', forms: { en: [{ form: 'Barmine', status: 'preferred' }, { form: 'Barmin', status: 'forbidden' }] } },
      { id: 'trotsky', lemma: 'Троцкий', kind: 'person', forms: { en: [{ form: 'Trotsky', status: 'preferred' }, { form: 'Trotskii', status: 'allowed', contexts: ['footnote'] }] } },
      { id: 'troitsky', lemma: 'Троицкий', kind: 'person', forms: { en: [{ form: 'Troitsky', status: 'preferred' }] } },
    ]);
    const withGlossary = consistencyReport(segments, 'en', { index });
    const trotsky = withGlossary.find((c) => c.main === 'Trotsky')!;
    expect(trotsky).toMatchObject({ entryId: 'trotsky', preferred: 'Trotsky' });
    expect(trotsky.forms.map((f) => [f.form, f.status])).toEqual([
      ['Trotsky', 'preferred'],
      ['Trotskii', 'allowed'],
    ]);
    expect(formsOf(withGlossary, 'Barmine')).toEqual(['Barmine', 'Barmin']);
    expect(formsOf(withGlossary, 'Troitsky')).toBeUndefined(); // its own entry, written one way
  });
});

describe('consistency report', () => {
  it('counts the German genitive for its name', () => {
    const r = consistencyReport(
      [
        { segmentId: 'a', documentId: 'd', text: 'Bucharin und Bucharins Freunde, Sinowjew', context: 'main' },
        { segmentId: 'b', documentId: 'd', text: 'Sinowiew schrieb an Bucharin', context: 'main' },
      ],
      'de',
    );
    expect(r.map((c) => c.forms.map((f) => [f.form, f.count]))).toEqual([[['Sinowiew', 1], ['Sinowjew', 1]]]);
  });

  it('forgets how a name was transliterated in its key', () => {
    expect(transliterationKey('Zinov’ev')).toBe(transliterationKey('Zinoviev'));
    expect(transliterationKey('Trotskii')).toBe(transliterationKey('Trotsky'));
    expect(transliterationKey('Yeltsin')).toBe(transliterationKey('Eltsin'));
    expect(transliterationKey('Tomsk')).not.toBe(transliterationKey('Tomsky'));
  });
});
