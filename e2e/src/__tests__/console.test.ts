import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { hasDefaultSnapshot } from '@nobel-pipeline/nobel-mirror';
import { statusBody } from '@nobel-pipeline/schemas';
import { waitFor } from '@nobel-pipeline/test-utils';
import {
  artifactsDir,
  chromiumPath,
  launchChromium,
  watchProblems,
  type PageProblems,
} from '../testing/browser';
import { startPipelineProcesses, type PipelineProcesses } from '@nobel-pipeline/test-utils';

/**
 * The web console in a real browser (Debian's headless Chromium, driven by playwright-core),
 * on the whole pipeline: the mirror of the real snapshot, ingest-api serving the console,
 * fetcher and sink as real processes on the real stack. Each step is saved as a screenshot
 * under e2e/artifacts/console/ (git-ignored).
 */
jest.setTimeout(300_000);

const browserPath = chromiumPath();
const ready = hasDefaultSnapshot() && browserPath !== undefined;
if (!ready) {
  const missing =
    browserPath === undefined
      ? 'Chromium (apt-get install chromium, or set CHROMIUM_PATH)'
      : 'the snapshot in ../shared/nobel-api';
  // CI installs Chromium and has the snapshot: there, a missing one is a failure, not a skip.
  if (process.env.CI === 'true') throw new Error(`The console's browser test needs ${missing}.`);
  process.stderr.write(`\nSKIPPING the console's browser test: ${missing} is absent.\n`);
}
const describeInBrowser = ready ? describe : describe.skip;

const TOKEN = 'console-test-token-0123456789';
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/;

describeInBrowser('the web console, in Chromium', () => {
  let pipeline: PipelineProcesses;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let problems: PageProblems;
  let step = 0;
  const shots = artifactsDir('console');

  const shot = async (name: string, target: Page = page) => {
    step++;
    await target.screenshot({
      path: join(shots, `${String(step).padStart(2, '0')}-${name}.png`),
      fullPage: true,
    });
  };
  const status = async () => statusBody.parse(await (await fetch(`${pipeline.api}/status`)).json());
  const testId = (id: string) => page.getByTestId(id);
  const expectText = async (id: string, text: string | RegExp, timeoutMs = 30_000) =>
    waitFor(async () => matches(await testId(id).innerText(), text), {
      timeoutMs,
      description: `${id} to show ${String(text)}`,
    });
  const matches = (value: string, text: string | RegExp) =>
    typeof text === 'string' ? value.trim() === text : text.test(value);

  beforeAll(async () => {
    pipeline = await startPipelineProcesses('console', { API_TOKEN: TOKEN });
    browser = await launchChromium(browserPath ?? '');
    context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    problems = watchProblems(page);
  });

  afterAll(async () => {
    await browser?.close();
    const names = [...(pipeline?.running.keys() ?? [])];
    const codes = await pipeline?.stop();
    expect(codes).toEqual(Object.fromEntries(names.map((name) => [name, 0])));
  });

  it('opens at /ui/ and shows the pipeline STOPPED, and Kafka, the registry and the database up', async () => {
    const response = await page.goto(`${pipeline.api}/ui/`);
    expect(response?.status()).toBe(200);
    await expectText('desired-state', 'STOPPED');
    for (const name of ['Kafka', 'Registry', 'Database'])
      await expectText(`health-${name.toLowerCase()}`, `${name}: ok`);
    await expectText('dlq-count', '0');
    await expectText('next-run', 'none scheduled');
    await shot('stopped');
  });

  it('Start (with the token entered once, and an interval) → 670 prizes and a SUCCEEDED run, in the table and the chart', async () => {
    await page.getByLabel('API token').fill(TOKEN);
    await page.getByLabel('Interval (seconds)').fill('600');
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await expectText('command-result', /START accepted/);
    const commandId = UUID.exec(await testId('command-result').innerText())?.[0];
    expect(commandId).toBeDefined();
    await expectText('desired-state', 'STARTED');
    expect((await status()).fetcher.lastCommand?.commandId).toBe(commandId);
    await expectText('prizes-total', '670 prizes', 90_000);
    const runs = testId('runs-table');
    await waitFor(async () => (await runs.getByText('SUCCEEDED', { exact: true }).count()) === 1, {
      timeoutMs: 30_000,
      description: 'a SUCCEEDED run in the table',
    });
    expect(await testId('runs-chart').locator('canvas').count()).toBeGreaterThan(0);
    expect(await testId('runs-chart').getAttribute('aria-label')).toMatch(
      /of 1 run, 0 failed; the latest SUCCEEDED .*changing 670 prizes/,
    );
    await expectText('next-run', /^in (9|10) min/);
    await shot('started');
  });

  it('Fetch now shows the run in flight with its pages read of total, then a second SUCCEEDED run', async () => {
    // The mirror answers the third page 4 s late: the run is seen in flight at page 2 of 27.
    const mirror = pipeline.env.NOBEL_API_URL?.replace(/\/2\.1$/, '');
    const fault = await fetch(`${mirror}/_admin/faults`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ type: 'latency', ms: 4000, path: 'nobelPrizes', offset: 50 }),
    });
    expect(fault.ok).toBe(true);
    await page.getByRole('button', { name: 'Fetch now', exact: true }).click();
    await expectText('command-result', /FETCH_NOW accepted/);
    await expectText('run-in-flight', /running \(FETCH_NOW\) since .*: page 2 of 67/, 10_000);
    expect(await page.locator('.in-flight progress').getAttribute('value')).toBe('2');
    await shot('run-in-flight');
    await waitFor(
      async () =>
        (await testId('runs-table').getByText('SUCCEEDED', { exact: true }).count()) === 2,
      { timeoutMs: 30_000, description: 'the second SUCCEEDED run in the table' },
    );
    await expectText('run-in-flight', 'Current run: idle');
  });

  it('filters the prizes to phy 1901–1910, and opens phy-1903 with its three laureates', async () => {
    await page.getByLabel('Category').selectOption('phy');
    await page.getByLabel('Year', { exact: true }).fill('1901');
    await page.getByLabel('To year').fill('1910');
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await expectText('prizes-total', '10 prizes');
    const ids = await testId('prizes-table')
      .getByRole('link', { name: /^phy-19(0\d|10)$/ })
      .allInnerTexts();
    expect(ids.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `phy-${1901 + i}`));
    await shot('filtered');

    await testId('prizes-table').getByRole('link', { name: 'phy-1903', exact: true }).click();
    const laureates = testId('prize-laureates').locator(':scope > li');
    await waitFor(async () => (await laureates.count()) === 3, {
      description: "phy-1903's three laureates",
    });
    const text = await testId('prize-laureates').innerText();
    for (const name of ['Henri Becquerel', 'Pierre Curie', 'Marie Curie'])
      expect(text).toContain(name);
    // The motivation in every language the source has: English and Swedish (the API's "se",
    // HTML's "sv") here.
    expect(await testId('prize-laureates').locator('[lang="en"]').count()).toBe(3);
    expect(await testId('prize-laureates').locator('[lang="sv"]').count()).toBe(3);
    await shot('phy-1903');
  });

  it("opens a laureate's page with their prizes", async () => {
    await testId('prize-laureates')
      .getByRole('link', { name: /Marie Curie/ })
      .first()
      .click();
    await waitFor(
      async () => (await page.getByRole('link', { name: 'che-1911', exact: true }).count()) > 0,
      {
        description: "Marie Curie's page listing che-1911",
      },
    );
    expect(await page.getByRole('link', { name: 'phy-1903', exact: true }).count()).toBeGreaterThan(
      0,
    );
    await shot('marie-curie');
  });

  it('Stop → STOPPED, with the command id shown', async () => {
    await page.getByRole('button', { name: 'Stop', exact: true }).click();
    await expectText('command-result', /STOP accepted/);
    expect(await testId('command-result').innerText()).toMatch(UUID);
    await expectText('desired-state', 'STOPPED');
    await shot('stopped-again');
  });

  it('showed no console error, no uncaught exception and no failed request', () => {
    if (problems.list.length > 0)
      process.stderr.write(
        `\ningest-api's output:\n${pipeline.running.get('ingest-api')?.output() ?? ''}\n`,
      );
    expect(problems.list).toEqual([]);
  });

  it('is usable on a phone-width screen, in the dark', async () => {
    const phone = await browser.newContext({
      viewport: { width: 375, height: 812 },
      colorScheme: 'dark',
    });
    const small = await phone.newPage();
    const seen = watchProblems(small);
    await small.goto(`${pipeline.api}/ui/#/prizes?category=phy&year=1901&yearTo=1910`);
    await waitFor(
      async () => (await small.getByTestId('prizes-total').innerText()).trim() === '10 prizes',
      {
        description: 'the linked filter to show 10 prizes',
      },
    );
    // Nothing wider than the screen: tables scroll inside their own box.
    const width = await small.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await shot('phone-dark', small);
    expect(seen.list).toEqual([]);
    await phone.close();
  });

  it('shows a wrong token as words (401), not silently', async () => {
    const other = await browser.newContext();
    const tab = await other.newPage();
    await tab.goto(`${pipeline.api}/ui/`);
    await tab.getByLabel('API token').fill('not-the-token-at-all');
    await tab.getByRole('button', { name: 'Fetch now', exact: true }).click();
    await waitFor(async () => /401/.test(await tab.getByTestId('command-result').innerText()), {
      description: 'the 401 in words',
    });
    expect(await tab.getByTestId('command-result').innerText()).toMatch(/token/i);
    await shot('wrong-token', tab);
    await other.close();
  });
});
