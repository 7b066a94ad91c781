/**
 * Headless Chromium for browser tests, driven by playwright-core (no browser download). Which
 * Chromium is decided once per run by `scripts/chromium.mjs` (CHROMIUM_PATH, else a system
 * Chromium, else the packaged build); the e2e global setup prints the choice. Each test opens its
 * own context, so storage, cookies and locale never leak between tests.
 */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, resolveChromium } from '../../scripts/chromium.mjs';

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: resolveChromium().executablePath, args: CHROMIUM_ARGS });
}

export interface OpenPageOptions {
  /** Relative `page.goto('/projects')` resolves against this (the test server's URL). */
  baseURL: string;
  /** BCP-47 tag for `navigator.language`, `Accept-Language` and Intl formatting; default en-US. */
  locale?: string;
  viewport?: { width: number; height: number };
}

export interface OpenedPage {
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** A page in a fresh context that speaks `locale`. Close it in `finally` or `afterEach`. */
export async function openPage(browser: Browser, options: OpenPageOptions): Promise<OpenedPage> {
  const context = await browser.newContext({
    baseURL: options.baseURL,
    locale: options.locale ?? 'en-US',
    viewport: options.viewport ?? { width: 1280, height: 800 },
    timezoneId: 'UTC',
  });
  // Locator waits and navigations give up well inside jest's own test timeout, with Playwright's
  // clearer message saying what it was waiting for.
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  return { context, page, close: () => context.close() };
}
