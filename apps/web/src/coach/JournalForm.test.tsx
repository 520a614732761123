import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { journalEntry } from './fixtures';
import { JournalCard, NOTES_MAX_CHARS, PAIN_STEPS } from './JournalForm';

function renderJournal(props: Partial<Parameters<typeof JournalCard>[0]> = {}) {
  const onSubmit = vi.fn();
  render(<JournalCard data={null} onSubmit={onSubmit} {...props} />);
  return { onSubmit, user: userEvent.setup(), card: within(screen.getByTestId('journal-form')) };
}

describe('JournalCard', () => {
  it('offers only the scales: energy 1–5, RPE 1–10, pain 0–100 in steps of 20', () => {
    const { card } = renderJournal();
    const values = (select: HTMLElement) =>
      Array.from((select as HTMLSelectElement).options, (option) => option.value);
    expect(values(card.getByLabelText('Energy'))).toEqual(['', '1', '2', '3', '4', '5']);
    expect(values(card.getByLabelText('Effort (RPE)'))).toEqual([
      '',
      ...Array.from({ length: 10 }, (_, i) => String(i + 1)),
    ]);
    const pain = within(card.getByRole('group', { name: 'Pain' }));
    const radios = pain.getAllByRole('radio') as HTMLInputElement[];
    expect(radios.map((radio) => radio.value)).toEqual(['', '0', '20', '40', '60', '80', '100']);
    expect(PAIN_STEPS.every((step) => step % 20 === 0)).toBe(true);
    expect(card.getByText('No journal entry for today yet.')).toBeTruthy();
  });

  it('sends the answers as numbers, notes trimmed, and shows the saved message', async () => {
    const { onSubmit, user, card } = renderJournal();
    await user.selectOptions(card.getByLabelText('Energy'), '4');
    await user.selectOptions(card.getByLabelText('Effort (RPE)'), '7');
    await user.click(card.getByRole('radio', { name: /^40%/ }));
    await user.type(card.getByLabelText('Notes'), '  Felt strong on the hills.  ');
    expect(card.getByText('29 / 2000')).toBeTruthy();
    await user.click(card.getByRole('button', { name: 'Save journal' }));
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith({
      energyLevel: 4,
      rpeScore: 7,
      painPercentage: 40,
      notes: 'Felt strong on the hills.',
    });
  });

  it('refuses to send an empty new entry', async () => {
    const { onSubmit, user, card } = renderJournal();
    await user.click(card.getByRole('button', { name: 'Save journal' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(card.getByRole('alert').textContent).toBe('Answer at least one question before saving.');
  });

  it('never sends a pain value off the scale', async () => {
    const { onSubmit, user, card } = renderJournal();
    // A tampered radio value (not one of the steps) is sent as "not answered".
    const radio = card.getByRole('radio', { name: /^60%/ }) as HTMLInputElement;
    radio.value = '50';
    fireEvent.click(radio);
    await user.selectOptions(card.getByLabelText('Energy'), '2');
    await user.click(card.getByRole('button', { name: 'Save journal' }));
    expect(onSubmit).toHaveBeenCalledWith(
      expect.objectContaining({ painPercentage: null, energyLevel: 2 }),
    );
  });

  it('starts from today’s entry and clears an answer with null', async () => {
    const { onSubmit, user, card } = renderJournal({ data: journalEntry, saved: true });
    expect((card.getByLabelText('Energy') as HTMLSelectElement).value).toBe('3');
    expect((card.getByRole('radio', { name: /^20%/ }) as HTMLInputElement).checked).toBe(true);
    expect((card.getByLabelText('Notes') as HTMLTextAreaElement).value).toBe(
      'Left calf a bit tight.',
    );
    expect(card.getByRole('status').textContent).toMatch(/^Saved/);
    await user.click(card.getByRole('radio', { name: 'Not answered' }));
    expect(card.queryByRole('status')).toBeNull();
    await user.click(card.getByRole('button', { name: 'Save journal' }));
    expect(onSubmit).toHaveBeenCalledWith({
      energyLevel: 3,
      rpeScore: 6,
      painPercentage: null,
      notes: 'Left calf a bit tight.',
    });
  });

  it('limits notes to 2000 characters with a counter', () => {
    const { card } = renderJournal();
    const notes = card.getByLabelText('Notes') as HTMLTextAreaElement;
    expect(notes.maxLength).toBe(NOTES_MAX_CHARS);
    fireEvent.change(notes, { target: { value: 'x'.repeat(2000) } });
    expect(card.getByText('2000 / 2000')).toBeTruthy();
  });

  it('shows loading, save errors and a disabled button while saving', () => {
    const onSubmit = vi.fn();
    const { rerender } = render(<JournalCard data={undefined} onSubmit={onSubmit} />);
    expect(screen.getByText('Loading…')).toBeTruthy();
    rerender(
      <JournalCard
        data={journalEntry}
        onSubmit={onSubmit}
        saving
        saveError="Pain must be one of 0, 20"
      />,
    );
    expect(screen.getByRole('alert').textContent).toBe('Pain must be one of 0, 20');
    const button = screen.getByRole('button', { name: 'Saving…' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
  });
});
