import { describe, expect, it } from 'vitest';
import { productForFile, screenshot } from './harness';

const product = productForFile();

const RACE = 'Lakeside Marathon';
const raceDate = `${new Date().getUTCFullYear() + 1}-09-27`;

describe('a new athlete’s race goal and availability', () => {
  it('signs up, adds an A race and training days, sees them, and the coach’s prompt carries the race', async () => {
    const context = await product.browser.newContext({
      viewport: { width: 1280, height: 900 },
      timezoneId: 'Europe/Paris',
    });
    const page = await context.newPage();
    await page.goto(product.server.url);
    await page.getByTestId('signup-toggle').click();
    await page.getByTestId('signup-name').fill('Lena Lakeside');
    await page.getByTestId('signin-email').fill(`lena-${Date.now()}@example.com`);
    await page.getByTestId('signin-password').fill('a-long-password');
    await page.getByTestId('signin-submit').click();

    const goals = page.getByTestId('race-goals');
    await goals.getByText('No race goals yet.').waitFor();
    await goals.getByRole('button', { name: 'Add race goal' }).click();
    const form = goals.getByRole('form', { name: 'Race goal' });
    await form.getByLabel('Race name').fill(RACE);
    await form.getByLabel('Date').fill(raceDate);
    await form.getByLabel('Distance', { exact: true }).selectOption('marathon');
    await form.getByLabel('Target time (optional)').fill('3:45:00');
    await form.getByLabel('Priority').selectOption('A');
    await form.getByRole('button', { name: 'Save race goal' }).click();
    await goals.getByRole('heading', { name: RACE }).waitFor();
    expect(await goals.textContent()).toContain('A race');
    expect(await goals.textContent()).toContain('Marathon · target 3:45:00');

    const settings = page.getByTestId('settings-form');
    for (const day of ['Tuesday', 'Thursday', 'Sunday']) {
      await settings.getByRole('checkbox', { name: day }).check();
    }
    await settings.getByLabel('Long-run day').selectOption('Sunday');
    await settings.getByRole('button', { name: 'Save settings' }).click();
    await settings.getByText('Settings saved.').waitFor();
    await screenshot(page, 'races-and-availability', { fullPage: true });

    // After a reload, both come from the server.
    await page.reload();
    await page.getByTestId('race-goals').getByRole('heading', { name: RACE }).waitFor();
    const reloaded = page.getByTestId('settings-form');
    await expect
      .poll(() => reloaded.getByRole('checkbox', { name: 'Sunday' }).isChecked())
      .toBe(true);
    expect(await reloaded.getByRole('checkbox', { name: 'Monday' }).isChecked()).toBe(false);
    expect(await reloaded.getByLabel('Long-run day').inputValue()).toBe('Sunday');

    product.fake.reset();
    await page.getByTestId('chat-toggle').click();
    await page.getByTestId('chat-universe').selectOption({ label: 'Training plan' });
    await page.getByTestId('chat-input').fill('How do I get ready for my race?');
    await page.getByTestId('chat-input').press('Enter');
    const answer = page.locator('[data-testid="chat-message"][data-role="assistant"]').last();
    await expect.poll(() => answer.textContent(), { timeout: 10_000 }).toContain('Keep today easy');
    expect(product.fake.requests).toHaveLength(1);
    const prompt = JSON.stringify(product.fake.requests[0]?.body);
    expect(prompt).toContain(RACE);
    expect(prompt).toContain(raceDate);
    await context.close();
  });
});
