import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { lastAnswer, productForFile, screenshot, send, signIn } from './harness';

const product = productForFile();

/** The number of the prompt's fact that starts with `heading` (as the model reads the prompt). */
function factNumber(system: string, heading: string): number {
  const match = new RegExp(`\\[(\\d+)\\] ${heading}:`).exec(system);
  if (!match?.[1]) throw new Error(`no fact "${heading}" in the prompt`);
  return Number(match[1]);
}

/** Opens the chat and sends a question. */
async function openAndSend(page: Page, question: string): Promise<void> {
  await page.getByTestId('chat-toggle').click();
  await send(page, question);
}

describe('what an answer rests on, in a real browser', () => {
  it('shows a "Based on" line under the answer that opens the list of the facts it cited', async () => {
    product.fake.reset();
    product.fake.script((request) => {
      const system = (request.body as { system: { text: string }[] }).system
        .map((block) => block.text)
        .join('');
      const state = factNumber(system, 'Training State');
      const today = factNumber(system, 'Today');
      return {
        text: `Your load is steady, so keep today easy; a score of 4321.5 says so.\n\n[facts: ${state}, ${today}]`,
      };
    });
    const page = await (await product.browser.newContext()).newPage();
    await signIn(page, product.server.url);
    await openAndSend(page, 'Should I run today?');
    await expect
      .poll(() => lastAnswer(page).getAttribute('data-streaming'), { timeout: 15_000 })
      .not.toBe('true');
    expect(await lastAnswer(page).textContent()).toBe(
      'Your load is steady, so keep today easy; a score of 4321.5 says so.',
    );

    const toggle = page.getByRole('button', { name: /^Based on: ACWR / });
    await toggle.waitFor();
    expect(await toggle.textContent()).toMatch(
      /^Based on: ACWR [\d.]+ · \d+ [A-Z][a-z]{2} \+1 more$/,
    );
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const items = page.getByTestId('based-on').getByRole('listitem');
    expect(await items.count()).toBe(2);
    expect(await items.nth(1).textContent()).toMatch(/^Today: \d+ [A-Z][a-z]{2}$/);
    expect(await page.getByTestId('unsupported-numbers').textContent()).toBe(
      'Not in your data: 4321.5',
    );
    await screenshot(page, 'based-on');
  });
});
