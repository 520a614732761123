import { describe, expect, it } from 'vitest';
import { lastAnswer, productForFile, screenshot, send, signIn } from './harness';

const product = productForFile();

const ANSWER = 'Ease off for a few days and keep your runs easy until the calf settles.';
const ITEM = 'Left calf tight since 20 Nov';

describe('a memory item the coach proposes, in a real browser', () => {
  it('is offered under the answer, and Save puts it in "What your coach knows", also after a reload', async () => {
    product.fake.reset();
    // The proposal line split over tokens, as a model may send it.
    product.fake.script({
      tokens: [
        ANSWER,
        '\n[reme',
        'mber: injury | Left calf',
        ' tight since 20 Nov]\n[facts: none]',
      ],
    });
    const page = await (await product.browser.newContext()).newPage();
    await signIn(page, product.server.url);
    const panel = page.getByTestId('coach-memory');
    await panel.waitFor();
    expect(await panel.getByRole('listitem').count()).toBe(0);

    await page.getByTestId('chat-toggle').click();
    await send(page, 'My left calf has been tight since the 20th.');
    const offer = page.getByRole('group', { name: 'Your coach’s suggestion' });
    await offer.waitFor({ timeout: 15_000 });
    expect(await lastAnswer(page).textContent()).toBe(ANSWER);
    expect(await offer.textContent()).toContain(`Save to what your coach knows: “${ITEM}”?`);
    await screenshot(page, 'coach-proposes');

    await offer.getByRole('button', { name: 'Save' }).click();
    const chosen = `Saved to what your coach knows: “${ITEM}”`;
    await expect.poll(() => page.getByTestId('chat-proposal').textContent()).toBe(chosen);
    await expect
      .poll(() => panel.getByRole('listitem').allTextContents(), { timeout: 15_000 })
      .toEqual([expect.stringContaining(ITEM)]);

    await page.reload();
    await page.getByTestId('current-metrics').waitFor();
    await page.getByTestId('chat-toggle').click();
    await expect
      .poll(() => page.getByTestId('chat-proposal').textContent(), { timeout: 15_000 })
      .toBe(chosen);
    expect(await page.getByRole('button', { name: 'Save', exact: true }).count()).toBe(0);
  });
});
