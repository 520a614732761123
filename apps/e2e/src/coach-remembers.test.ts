import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ask, lastAnswer, productForFile, screenshot, signIn } from './harness';

// Issue 15's "done when": what the athlete asks the coach to remember in one universe is kept
// across a reload, shown in "What your coach knows", carried in every universe's prompt, and
// gone from the next prompt once deleted. Real browser, real server, the fake model's request log.
const product = productForFile();

const QUESTION =
  'Remember that my left calf has been tight since 20 Nov. Should I still do the intervals?';
const ITEM = 'My left calf has been tight since 20 Nov';
const ANSWER = 'Skip the intervals and keep the runs easy until the calf settles.';

/** The system prompt of the model's latest request, as one string. */
function lastPrompt(): string {
  return JSON.stringify(product.fake.requests.at(-1)?.body.system ?? null);
}

const memoryPanel = (page: Page) => page.getByTestId('coach-memory');

describe('a coach that remembers, in a real browser', () => {
  it('keeps what the athlete asked it to remember, in every universe, until they delete it', async () => {
    product.fake.reset();
    product.fake.script({ text: ANSWER });
    const page = await (await product.browser.newContext()).newPage();
    await signIn(page, product.server.url);
    await page.getByTestId('chat-toggle').click();
    await ask(page, QUESTION);
    expect(await lastAnswer(page).textContent()).toBe(ANSWER);
    await expect
      .poll(() => page.getByTestId('chat-remembered').textContent())
      .toContain('Saved to what your coach knows');
    // Saved before the model was called: that very answer's prompt carries it.
    expect(lastPrompt()).toContain(`<athlete_note>${ITEM}</athlete_note>`);

    await page.reload();
    await page.getByTestId('current-metrics').waitFor();
    await page.getByTestId('chat-toggle').click();
    const shown = () => page.getByTestId('chat-message').allTextContents();
    await expect.poll(shown, { timeout: 15_000 }).toContain(ANSWER);
    expect(await shown()).toContain(QUESTION);

    await expect.poll(() => memoryPanel(page).textContent()).toContain(ITEM);
    const item = memoryPanel(page).locator('li', { hasText: ITEM });
    expect(await item.textContent()).toContain('Injury or niggle');
    expect(await item.textContent()).toMatch(/Since \w{3} 20 Nov/);
    await item.scrollIntoViewIfNeeded();
    await screenshot(page, 'coach-remembers');

    await page.getByTestId('chat-universe').selectOption('todays_workout');
    await ask(page, 'What should I do today?');
    expect(lastPrompt()).toContain('CURRENT CONTEXT (todays_workout)');
    expect(lastPrompt()).toMatch(
      new RegExp(`injury \\(current, since \\d{4}-11-20\\): <athlete_note>${ITEM}</athlete_note>`),
    );
    const turns = product.fake.requests.at(-1)?.body.messages ?? [];
    expect(turns).toHaveLength(1);

    await memoryPanel(page)
      .getByRole('button', { name: `Delete “${ITEM}”` })
      .click();
    await expect.poll(() => memoryPanel(page).textContent()).not.toContain(ITEM);
    await ask(page, 'And tomorrow?');
    expect(lastPrompt()).toContain('CURRENT CONTEXT (todays_workout)');
    expect(lastPrompt()).not.toContain(ITEM);
    expect(product.fake.requests).toHaveLength(3);
  });
});
