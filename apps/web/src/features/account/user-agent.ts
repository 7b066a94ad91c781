/**
 * A User-Agent header read well enough to recognise one's own devices: the browser family with its
 * major version, and the operating system family. Deliberately small and honest about its limits:
 *
 * - Operating system versions are left out: browsers freeze them (Windows 11 says "Windows NT 10.0",
 *   every recent Mac "10_15_7"), so a version would often be wrong.
 * - Browsers that send Chrome's string unchanged (Brave, recent Vivaldi) show as Chrome; an iPad
 *   that asks for desktop sites shows as macOS. The header says no more than that.
 * - Anything else that names itself `product/version` (curl, python-requests, …) shows as such;
 *   what is not recognised at all is shown as it came, shortened.
 */
export interface UserAgentSummary {
  /** "Firefox 128", "curl 8.5.0"; null when the header names no browser or program we know how to read. */
  client: string | null;
  /** "Windows", "macOS", "Android", …; null when the header does not say. */
  os: string | null;
  /** A browser without a window (automation, tests). */
  headless: boolean;
}

/** Most specific first: Edge, Opera and the others also name Chrome (and Chrome names Safari). */
const BROWSERS: readonly (readonly [string, RegExp])[] = [
  ['Edge', /\b(?:Edg|EdgA|EdgiOS|Edge)\/(\d+)/],
  ['Opera', /\b(?:OPR|OPiOS|OPT)\/(\d+)/],
  ['Yandex Browser', /\bYaBrowser\/(\d+)/],
  ['Samsung Internet', /\bSamsungBrowser\/(\d+)/],
  ['Vivaldi', /\bVivaldi\/(\d+)/],
  ['Firefox', /\b(?:Firefox|FxiOS)\/(\d+)/],
  ['Chrome', /\b(?:HeadlessChrome|Chrome|CriOS|Chromium)\/(\d+)/],
  ['Safari', /\bVersion\/(\d+)[^ ]* (?:Mobile\/\S+ )?Safari\//],
];

/** Most specific first: iOS says "like Mac OS X", Android and ChromeOS say "Linux" or "X11". */
const SYSTEMS: readonly (readonly [string, RegExp])[] = [
  ['Windows', /\bWindows\b/],
  ['iOS', /\b(?:iPhone|iPad|iPod)\b/],
  ['Android', /\bAndroid\b/],
  ['ChromeOS', /\bCrOS\b/],
  ['macOS', /\b(?:Macintosh|Mac OS X)\b/],
  ['FreeBSD', /\bFreeBSD\b/],
  ['Linux', /\b(?:Linux|X11)\b/],
];

/** A program's own name and version, as in `curl/8.5.0` or `node`. */
const PROGRAM = /^([A-Za-z][\w.-]*)(?:\/([\w.-]+))?/;
const PROGRAM_VERSION_MAX = 20;

export function parseUserAgent(header: string): UserAgentSummary {
  const os = SYSTEMS.find(([, pattern]) => pattern.test(header))?.[0] ?? null;
  if (!header.startsWith('Mozilla/')) {
    const program = PROGRAM.exec(header);
    if (!program) return { client: null, os, headless: false };
    const [, name, version] = program;
    return {
      client: version && version.length <= PROGRAM_VERSION_MAX ? `${name} ${version}` : (name ?? null),
      os,
      headless: false,
    };
  }
  for (const [name, pattern] of BROWSERS) {
    const match = pattern.exec(header);
    if (match) return { client: `${name} ${match[1]}`, os, headless: /\bHeadlessChrome\//.test(header) };
  }
  return { client: null, os, headless: false };
}

/** At most `max` characters, with an ellipsis when cut (by code point, never half a character). */
export function abbreviate(text: string, max: number): string {
  const characters = Array.from(text);
  return characters.length <= max ? text : `${characters.slice(0, max - 1).join('').trimEnd()}…`;
}
