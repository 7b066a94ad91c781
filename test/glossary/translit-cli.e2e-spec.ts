import { cli } from '../support/cli.js';

describe('npm run cli -- translit', () => {
  it('prints one {input, output} per word, in order, under the chosen scheme and context', async () => {
    const main = await cli(['translit', '--scheme', 'hrl-modified', 'Раскольников', 'Зиновьев', 'Троцкий', '--json']);
    expect(main.code).toBe(0);
    expect(JSON.parse(main.stdout)).toEqual([
      { input: 'Раскольников', output: 'Raskolnikov' },
      { input: 'Зиновьев', output: 'Zinoviev' },
      { input: 'Троцкий', output: 'Trotsky' },
    ]);
    const footnote = await cli(['translit', '--scheme', 'hrl-modified', '--context', 'footnote', 'Раскольников', '--json']);
    expect(JSON.parse(footnote.stdout)).toEqual([{ input: 'Раскольников', output: 'Raskol’nikov' }]);
    const german = await cli(['translit', '--scheme', 'de-duden', 'Зиновьев', 'Троцкий', '--json']);
    expect(JSON.parse(german.stdout)).toEqual([
      { input: 'Зиновьев', output: 'Sinowjew' },
      { input: 'Троцкий', output: 'Trotzki' },
    ]);
  }, 60_000);

  it('lists the schemes', async () => {
    const list = await cli(['translit', '--list', '--json']);
    expect(list.code).toBe(0);
    expect((JSON.parse(list.stdout) as { id: string }[]).map((s) => s.id)).toEqual(
      expect.arrayContaining(['ala-lc', 'ala-lc-plain', 'bgn-pcgn', 'iso9', 'scholarly', 'de-duden', 'hrl-modified']),
    );
  });

  it('refuses an unknown scheme and a wrong context with codes', async () => {
    const unknown = await cli(['translit', '--scheme', 'klingon', 'Бухарин', '--json']);
    expect(unknown.code).toBe(1);
    expect(JSON.parse(unknown.stdout).error.code).toBe('TRANSLIT_SCHEME_UNKNOWN');
    const context = await cli(['translit', '--scheme', 'iso9', '--context', 'preface', 'Бухарин', '--json']);
    expect(JSON.parse(context.stdout).error.code).toBe('CLI_USAGE');
  });
});
