import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ask, lastAnswer, productForFile, screenshot, signIn } from './harness';

const product = productForFile();

const QUESTION = 'My left calf has been tight for a week. Should I still do the intervals?';
const ANSWER = 'Skip the intervals this week and keep your runs easy until the calf settles.';

const shown = (page: Page) => page.getByTestId('chat-message').allTextContents();

describe('saved conversations, in a real browser', () => {
  it('a reload reopens the conversation, which the coach then continues from what it stored', async () => {
    product.fake.reset();
    product.fake.script({ text: ANSWER }, { text: 'A short easy run is fine.' });
    const page = await (await product.browser.newContext()).newPage();
    await signIn(page, product.server.url);
    await page.getByTestId('chat-toggle').click();
    await ask(page, QUESTION);
    expect(await lastAnswer(page).textContent()).toBe(ANSWER);

    await page.reload();
    await page.getByTestId('current-metrics').waitFor();
    await page.getByTestId('chat-toggle').click();
    await expect.poll(() => shown(page), { timeout: 15_000 }).toContain(ANSWER);
    expect(await shown(page)).toContain(QUESTION);

    await ask(page, 'Can I run at all tomorrow?');
    const turns = product.fake.requests.at(-1)?.body.messages.map((m) => JSON.stringify(m.content));
    expect(turns).toHaveLength(3);
    expect(turns?.[0]).toContain('calf has been tight');
    expect(turns?.[1]).toContain('Skip the intervals');

    await page.getByTestId('chat-earlier-toggle').click();
    await expect
      .poll(() => page.getByTestId('chat-earlier-item').allTextContents(), { timeout: 15_000 })
      .toEqual([expect.stringContaining('My left calf has been tight')]);
    await screenshot(page, 'saved-conversations');
  });
});
