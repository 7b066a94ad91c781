import { abbreviate, parseUserAgent } from './user-agent.js';

/** Real headers, as browsers and tools send them. */
const CASES: readonly [string, string, { client: string | null; os: string | null; headless?: boolean }][] = [
  [
    'Chrome on Windows',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
    { client: 'Chrome 126', os: 'Windows' },
  ],
  [
    'Edge, which also names Chrome and Safari',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 Edg/126.0.2592.87',
    { client: 'Edge 126', os: 'Windows' },
  ],
  [
    'Opera',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36 OPR/112.0.0.0',
    { client: 'Opera 112', os: 'macOS' },
  ],
  [
    'Yandex Browser',
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 YaBrowser/24.6.0.0 Safari/537.36',
    { client: 'Yandex Browser 24', os: 'Windows' },
  ],
  [
    'Firefox on a Mac',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 14.5; rv:127.0) Gecko/20100101 Firefox/127.0',
    { client: 'Firefox 127', os: 'macOS' },
  ],
  [
    'Firefox on Linux',
    'Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
    { client: 'Firefox 128', os: 'Linux' },
  ],
  [
    'Firefox on Android, which does not say Linux',
    'Mozilla/5.0 (Android 14; Mobile; rv:127.0) Gecko/127.0 Firefox/127.0',
    { client: 'Firefox 127', os: 'Android' },
  ],
  [
    'Safari on an iPhone, which says "like Mac OS X"',
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
    { client: 'Safari 17', os: 'iOS' },
  ],
  [
    'Safari on a Mac',
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
    { client: 'Safari 17', os: 'macOS' },
  ],
  [
    'Chrome on an iPad',
    'Mozilla/5.0 (iPad; CPU OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/126.0.6478.54 Mobile/15E148 Safari/604.1',
    { client: 'Chrome 126', os: 'iOS' },
  ],
  [
    'Samsung Internet on Android, which also says Linux',
    'Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36',
    { client: 'Samsung Internet 25', os: 'Android' },
  ],
  [
    'Chrome on a Chromebook, which says X11',
    'Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36',
    { client: 'Chrome 126', os: 'ChromeOS' },
  ],
  [
    'headless Chrome (the browser tests)',
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/131.0.0.0 Safari/537.36',
    { client: 'Chrome 131', os: 'Linux', headless: true },
  ],
  ['curl', 'curl/8.5.0', { client: 'curl 8.5.0', os: null }],
  ['a Python script', 'python-requests/2.31.0', { client: 'python-requests 2.31.0', os: null }],
  ["Node's fetch", 'node', { client: 'node', os: null }],
  [
    'a crawler that names no browser',
    'Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)',
    { client: null, os: null },
  ],
];

describe('parseUserAgent', () => {
  it.each(CASES)('reads %s', (_name, header, expected) => {
    expect(parseUserAgent(header)).toEqual({ headless: false, ...expected });
  });

  it('keeps a program name but drops a version too long to be one', () => {
    expect(parseUserAgent(`tool/${'x'.repeat(40)}`).client).toBe('tool');
  });

  it('gives up on a header that is not a product name at all', () => {
    expect(parseUserAgent('(unknown) something')).toEqual({ client: null, os: null, headless: false });
  });
});

describe('abbreviate', () => {
  it('leaves short text alone and cuts long text with an ellipsis', () => {
    expect(abbreviate('short', 10)).toBe('short');
    expect(abbreviate('0123456789abc', 10)).toBe('012345678…');
  });

  it('never cuts a character in half', () => {
    expect(abbreviate('😀😀😀😀', 3)).toBe('😀😀…');
  });
});
