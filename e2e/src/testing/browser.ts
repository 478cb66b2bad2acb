import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT } from '@nobel-pipeline/test-utils';

/**
 * The browser the console's test drives: Debian's Chromium (apt-get install chromium), or the
 * one CHROMIUM_PATH names. Nothing downloads a browser.
 */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find(
    (path): path is string => path !== undefined && path !== '' && existsSync(path),
  );
}

export async function launchChromium(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, headless: true });
}

/** Where the test's screenshots go (git-ignored): e2e/artifacts/<name>/, emptied first. */
export function artifactsDir(name: string): string {
  const dir = join(ROOT, 'e2e', 'artifacts', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

export interface PageProblems {
  /** console.error messages, uncaught exceptions, failed requests and 4xx/5xx answers. */
  list: string[];
}

/** Records everything that went wrong on a page, for the test to assert there was nothing. */
export function watchProblems(page: Page): PageProblems {
  const problems: PageProblems = { list: [] };
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning')
      problems.list.push(`console.${message.type()}: ${message.text()}`);
  });
  page.on('pageerror', (error) => problems.list.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) =>
    problems.list.push(
      `failed: ${request.method()} ${request.url()} ${request.failure()?.errorText ?? ''}`,
    ),
  );
  page.on('response', (response) => {
    if (response.status() < 400) return;
    const index =
      problems.list.push(`${response.status()}: ${response.request().method()} ${response.url()}`) -
      1;
    // The body says why (which of /readyz's checks failed, the error's message).
    void response
      .text()
      .then((body) => (problems.list[index] += ` ${body.slice(0, 500)}`))
      .catch(() => undefined);
  });
  return problems;
}
