import { readFileSync } from 'node:fs';
import { itWithShared, sharedPath } from '../../../../test/support/shared-data.js';
import { parseGlossaryCsv, writeGlossaryCsv } from './csv.js';
import { GlossaryExchangeError, MAX_EXCHANGE_BYTES, type ExchangeEntry } from './exchange-entry.js';
import { parseGlossaryTbx, writeGlossaryTbx } from './tbx.js';
import { parseTermList } from './term-list.js';

const ENTRIES: ExchangeEntry[] = [
  {
    id: '0b6a3c0e-4a53-4e0f-9d43-3c3a3f0e0001',
    lemma: 'Зиновьев',
    kind: 'person',
    firstName: 'Григорий',
    patronymic: 'Евсеевич',
    definition: 'Chairman of the Comintern, 1919–1926; "Zinoviev" in every context.',
    notes: 'Popular form, line 2\nof the notes',
    forms: {
      en: [
        { form: 'Zinoviev', status: 'preferred' },
        { form: 'Zinov’ev', status: 'allowed', contexts: ['footnote', 'bibliography'] },
        { form: 'Zinovyev', status: 'forbidden' },
      ],
      de: [{ form: 'Sinowjew', status: 'preferred' }],
    },
  },
  { lemma: 'колхоз', kind: 'term', firstName: null, patronymic: null, definition: 'collective farm, with <b>&</b>', notes: '', forms: { en: [{ form: 'kolkhoz', status: 'preferred' }] } },
  { lemma: null, kind: 'organisation', firstName: null, patronymic: null, definition: '', notes: '', forms: { en: [{ form: 'Comintern', status: 'preferred' }] } },
];

const refusal = (fn: () => unknown): GlossaryExchangeError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof GlossaryExchangeError) return error;
    throw error;
  }
  throw new Error('not refused');
};

describe('CSV', () => {
  it('round-trips entries with every form, context, quote and line break', () => {
    const csv = writeGlossaryCsv(ENTRIES, ['en', 'de']);
    expect(csv.split('\r\n')[0]).toBe('id,lemma,kind,first_name,patronymic,definition,notes,en,en_allowed,en_forbidden,de,de_allowed,de_forbidden');
    expect(parseGlossaryCsv(csv)).toEqual(ENTRIES.map((e) => ({ ...e, forms: Object.fromEntries(Object.entries(e.forms)) })));
  });

  it('reads a hand-made file with a BOM, CRLF and only some columns', () => {
    const entries = parseGlossaryCsv('\uFEFFlemma,kind,en,en_allowed\r\nБухарин,person,Bukharin,"Bukharin’ [footnote]"\r\n');
    expect(entries).toEqual([
      { lemma: 'Бухарин', kind: 'person', firstName: null, patronymic: null, definition: '', notes: '', forms: { en: [{ form: 'Bukharin', status: 'preferred' }, { form: 'Bukharin’', status: 'allowed', contexts: ['footnote'] }] } },
    ]);
  });

  it('refuses what it cannot read, saying where', () => {
    expect(refusal(() => parseGlossaryCsv('lemma,kind\nБухарин,wizard\n'))).toMatchObject({ code: 'INVALID', at: 'line 2' });
    expect(refusal(() => parseGlossaryCsv('lemma,colour\nБухарин,red\n'))).toMatchObject({ code: 'INVALID', reason: 'unknown columns: colour' });
    expect(refusal(() => parseGlossaryCsv('lemma,en\n"Бухарин,x\n'))).toMatchObject({ code: 'INVALID', reason: 'a quoted field is not closed' });
    expect(refusal(() => parseGlossaryCsv('lemma,en_allowed\nБухарин,"Bukharin [preface]"\n'))).toMatchObject({ reason: 'unknown context "preface"' });
    expect(refusal(() => parseGlossaryCsv(`lemma\n${'x'.repeat(MAX_EXCHANGE_BYTES)}\n`))).toMatchObject({ code: 'TOO_LARGE' });
  });
});

describe('TBX-Basic', () => {
  it('writes TBX v3 and reads it back', () => {
    const xml = writeGlossaryTbx(ENTRIES, { sourceLanguage: 'ru', title: 'Test & glossary' });
    expect(xml).toContain('<tbx type="TBX-Basic" style="dca" xml:lang="ru" xmlns="urn:iso:std:iso:30042:ed-2">');
    expect(xml).toContain('<termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote>');
    expect(xml).toContain('collective farm, with &lt;b&gt;&amp;&lt;/b&gt;');
    expect(parseGlossaryTbx(xml, { sourceLanguage: 'ru' })).toEqual(ENTRIES);
  });

  it('reads a TBX file made elsewhere: a preferred term per language, admitted and deprecated ones', () => {
    const xml = `<?xml version="1.0"?>
<tbx type="TBX-Basic" style="dca" xml:lang="en" xmlns="urn:iso:std:iso:30042:ed-2">
  <tbxHeader><fileDesc><sourceDesc><p>x</p></sourceDesc></fileDesc></tbxHeader>
  <text><body>
    <conceptEntry id="t1">
      <langSec xml:lang="ru"><descrip type="definition">Госплан СССР</descrip><termSec><term>Госплан</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec></langSec>
      <langSec xml:lang="en"><termSec><term>Gosplan</term></termSec><termSec><term>State Planning Committee</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></termSec></langSec>
      <langSec xml:lang="de"><termSec><term>Gosplan</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></termSec><termSec><term>Gossplan</term><termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote></termSec></langSec>
    </conceptEntry>
  </body></text>
</tbx>`;
    expect(parseGlossaryTbx(xml, { sourceLanguage: 'ru' })).toEqual([
      {
        lemma: 'Госплан',
        kind: 'term',
        firstName: null,
        patronymic: null,
        definition: 'Госплан СССР',
        notes: '',
        forms: {
          en: [{ form: 'Gosplan', status: 'preferred' }, { form: 'State Planning Committee', status: 'allowed' }],
          de: [{ form: 'Gosplan', status: 'preferred' }, { form: 'Gossplan', status: 'forbidden' }],
        },
      },
    ]);
  });

  it('refuses a DOCTYPE, entity declarations, external entities and undefined entities', () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><tbx><text><body><conceptEntry><langSec xml:lang="en"><termSec><term>&lol2;</term></termSec></langSec></conceptEntry></body></text></tbx>`;
    expect(refusal(() => parseGlossaryTbx(laughs, { sourceLanguage: 'ru' }))).toMatchObject({ code: 'UNSAFE' });
    const external = `<?xml version="1.0"?><!DOCTYPE tbx SYSTEM "file:///etc/passwd"><tbx/>`;
    expect(refusal(() => parseGlossaryTbx(external, { sourceLanguage: 'ru' }))).toMatchObject({ code: 'UNSAFE' });
    const undefinedEntity = `<tbx><text><body><conceptEntry><langSec xml:lang="en"><termSec><term>&passwd;</term></termSec></langSec></conceptEntry></body></text></tbx>`;
    expect(refusal(() => parseGlossaryTbx(undefinedEntity, { sourceLanguage: 'ru' }))).toMatchObject({ code: 'UNSAFE', reason: 'the entity &passwd; is not defined' });
  });

  it('refuses malformed and oversized files', () => {
    expect(refusal(() => parseGlossaryTbx('<tbx><text>', { sourceLanguage: 'ru' }))).toMatchObject({ code: 'INVALID' });
    expect(refusal(() => parseGlossaryTbx('<martif/>', { sourceLanguage: 'ru' }))).toMatchObject({ reason: 'the root element is not <tbx>' });
    expect(refusal(() => parseGlossaryTbx(`<tbx>${' '.repeat(MAX_EXCHANGE_BYTES)}</tbx>`, { sourceLanguage: 'ru' }))).toMatchObject({ code: 'TOO_LARGE' });
  });
});

describe('a printed term list', () => {
  it('reads term, Cyrillic original and definition, in the forms such lists take', () => {
    const list = [
      '# Terms used in this edition',
      '',
      '**sovkhoz [совхоз]:** a state farm with hired workers.',
      '**TsIK [(ЦИК) Центральный исполнительный комитет]:** the central executive body',
      'of the soviets, continued on a second line.',
      '**Narkompros [Наркомпрос; Народный комиссариат просвещения]**: education commissariat.',
      '**RKI [Рабоче-крестьянская инспекция]; Rabkrin [Рабкрин]:** the inspectorate.',
      '**Komsomol** : the youth league.',
      '**Five-Year Plan [FYP]:** a plan for *five* years.',
    ].join('\n');
    expect(parseTermList(list, 'en')).toEqual([
      { lemma: 'совхоз', kind: 'term', definition: 'a state farm with hired workers.', notes: '', forms: { en: [{ form: 'sovkhoz', status: 'preferred' }] } },
      { lemma: 'ЦИК', kind: 'abbreviation', definition: 'the central executive body of the soviets, continued on a second line.', notes: 'Центральный исполнительный комитет', forms: { en: [{ form: 'TsIK', status: 'preferred' }] } },
      { lemma: 'Наркомпрос', kind: 'term', definition: 'education commissariat.', notes: 'Народный комиссариат просвещения', forms: { en: [{ form: 'Narkompros', status: 'preferred' }] } },
      { lemma: 'Рабоче-крестьянская инспекция', kind: 'abbreviation', definition: 'the inspectorate.', notes: 'Рабкрин', forms: { en: [{ form: 'RKI', status: 'preferred' }, { form: 'Rabkrin', status: 'allowed' }] } },
      { lemma: null, kind: 'term', definition: 'the youth league.', notes: '', forms: { en: [{ form: 'Komsomol', status: 'preferred' }] } },
      { lemma: null, kind: 'term', definition: 'a plan for five years.', notes: '', forms: { en: [{ form: 'Five-Year Plan', status: 'preferred' }, { form: 'FYP', status: 'allowed' }] } },
    ]);
  });

  itWithShared()('reads the glossary of terms of the larger corpus book: all 55 entries', () => {
    const lines = readFileSync(sharedPath('corpus', '003_f78e96aa30fdf1a9.txt'), 'utf8').split('\n');
    const start = lines.findIndex((l) => l.startsWith('# Glossary of Abbreviations and Terms'));
    const end = lines.findIndex((l, i) => i > start && l.startsWith('# '));
    const entries = parseTermList(lines.slice(start, end).join('\n'), 'en');
    expect(entries).toHaveLength(55);
    const byForm = (form: string) => entries.find((e) => e.forms.en?.[0]?.form === form);
    expect(byForm('Gosplan')).toMatchObject({ lemma: 'Госплан', kind: 'term' });
    expect(byForm('kolkhoz')).toMatchObject({ lemma: 'колхоз', notes: 'коллективное хозяйство' });
    expect(byForm('NKVD')).toMatchObject({ lemma: 'НКВД', kind: 'abbreviation' });
    expect(byForm('oblast')).toMatchObject({ lemma: 'область' });
    expect(entries.filter((e) => e.lemma).length).toBeGreaterThanOrEqual(35);
  });
});
