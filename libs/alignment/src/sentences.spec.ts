import { splitSentences } from './sentences.js';

const texts = (text: string, language: string) => splitSentences(text, language).map((s) => s.text);

describe('splitSentences', () => {
  it('keeps English abbreviations, initials and page references inside their sentence', () => {
    expect(texts('Dr. Adams met N. I. Bukharin on p. 5 of the file. See pp. 12–14 and cf. Fig. 3. He left.', 'en')).toEqual([
      'Dr. Adams met N. I. Bukharin on p. 5 of the file.',
      'See pp. 12–14 and cf. Fig. 3.',
      'He left.',
    ]);
  });

  it('keeps Russian "т. е.", initials and "с." before a page number', () => {
    expect(texts('Это, т. е. пример, важен. Н. И. Бухарин выступил в 1928 г. и ушёл. См. с. 5. Конец.', 'ru')).toEqual([
      'Это, т. е. пример, важен.',
      'Н. И. Бухарин выступил в 1928 г. и ушёл.',
      'См. с. 5.',
      'Конец.',
    ]);
  });

  it('keeps German "z. B.", "u. a." and ordinals, but ends a sentence after a year', () => {
    expect(texts('Das ist z. B. ein Fall. Am 3. Oktober kam Dr. Weber u. a. zurück. Er kam 1928. Dann ging er.', 'de')).toEqual([
      'Das ist z. B. ein Fall.',
      'Am 3. Oktober kam Dr. Weber u. a. zurück.',
      'Er kam 1928.',
      'Dann ging er.',
    ]);
  });

  it('gives offsets into the paragraph and nothing for blank text', () => {
    const text = '  One. Two?  ';
    const out = splitSentences(text, 'en');
    expect(out.map((s) => text.slice(s.start, s.end))).toEqual(['One.', 'Two?']);
    expect(splitSentences('   ', 'en')).toEqual([]);
  });

  it('does not start a sentence in lower case after a closing quotation', () => {
    expect(texts('"Why?" she asked. Nobody answered.', 'en')).toEqual(['"Why?" she asked.', 'Nobody answered.']);
  });
});

describe('splitSentences and footnote references', () => {
  it('keeps a reference after the full stop with the sentence it closes', () => {
    const text = 'It was published later.\ufffc Rykov agreed. (So did others.) Then silence.';
    expect(texts(text, 'en')).toEqual(['It was published later.\ufffc', 'Rykov agreed.', '(So did others.)', 'Then silence.']);
  });
});
