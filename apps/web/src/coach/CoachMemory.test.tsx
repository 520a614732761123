import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { CoachMemoryCard } from './CoachMemory';
import type { MemoryItem } from './types';

const CALF: MemoryItem = {
  id: 1,
  kind: 'injury',
  text: 'Left calf tight',
  since: '2026-11-20',
  current: true,
  source: 'athlete',
  updatedAt: '2026-11-20T08:00:00.000Z',
};
const FRACTURE: MemoryItem = {
  id: 2,
  kind: 'injury',
  text: 'Stress fracture',
  since: '2025-09-01',
  current: false,
  source: 'athlete',
  updatedAt: '2026-01-10T08:00:00.000Z',
};

const mutations = () => ({
  onAdd: vi.fn(async () => true),
  onUpdate: vi.fn(async () => true),
  onDelete: vi.fn(async () => true),
});

describe('CoachMemoryCard', () => {
  it('shows each item with its kind, since when, and whether it is resolved', () => {
    render(<CoachMemoryCard data={[CALF, FRACTURE]} currentYear={2026} />);
    const card = within(screen.getByRole('region', { name: 'What your coach knows' }));
    const [calf, fracture] = card.getAllByRole('listitem') as [HTMLElement, HTMLElement];
    expect(calf.textContent).toContain('Injury or niggle Left calf tight');
    expect(calf.textContent).toContain('Since Fri 20 Nov');
    expect(calf.textContent).not.toContain('Resolved');
    expect(fracture.textContent).toContain('Since Mon 1 Sep 2025 · Resolved');
    // Without the page's mutations the card only shows.
    expect(card.queryByRole('button')).toBeNull();
  });

  it('says what to tell when there is nothing yet', () => {
    render(<CoachMemoryCard data={[]} />);
    expect(screen.getByText(/Nothing yet/)).toBeTruthy();
  });

  it('adds an item with its kind, text and start day, and closes the form once saved', async () => {
    const user = userEvent.setup();
    const calls = mutations();
    render(<CoachMemoryCard data={[]} {...calls} />);
    await user.click(screen.getByRole('button', { name: 'Tell your coach' }));
    const form = within(screen.getByRole('form', { name: 'Something to know' }));
    await user.click(form.getByRole('button', { name: 'Save' }));
    expect(form.getByRole('alert').textContent).toBe('Write what your coach should know.');
    await user.selectOptions(form.getByLabelText('Kind'), 'Constraint');
    await user.type(form.getByLabelText('What your coach should know'), '  No runs on Tuesdays ');
    await user.type(form.getByLabelText('Since (optional)'), '2026-11-01');
    await user.click(form.getByRole('button', { name: 'Save' }));
    expect(calls.onAdd).toHaveBeenCalledExactlyOnceWith({
      kind: 'constraint',
      text: 'No runs on Tuesdays',
      since: '2026-11-01',
    });
    expect(screen.queryByRole('form')).toBeNull();
  });

  it('edits an item in place, keeping whether it is current', async () => {
    const user = userEvent.setup();
    const calls = mutations();
    render(<CoachMemoryCard data={[CALF]} {...calls} />);
    await user.click(screen.getByRole('button', { name: 'Edit “Left calf tight”' }));
    const text = screen.getByLabelText('What your coach should know');
    await user.clear(text);
    await user.type(text, 'Left calf tight after hills');
    await user.clear(screen.getByLabelText('Since (optional)'));
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(calls.onUpdate).toHaveBeenCalledExactlyOnceWith({
      id: 1,
      kind: 'injury',
      text: 'Left calf tight after hills',
      since: null,
      current: true,
    });
  });

  it('marks an item resolved or current again, and deletes one', async () => {
    const user = userEvent.setup();
    const calls = mutations();
    render(<CoachMemoryCard data={[CALF, FRACTURE]} {...calls} />);
    await user.click(screen.getByRole('button', { name: 'Mark “Left calf tight” resolved' }));
    expect(calls.onUpdate).toHaveBeenLastCalledWith({
      id: 1,
      kind: 'injury',
      text: 'Left calf tight',
      since: '2026-11-20',
      current: false,
    });
    await user.click(screen.getByRole('button', { name: 'Mark “Stress fracture” current' }));
    expect(calls.onUpdate).toHaveBeenLastCalledWith(
      expect.objectContaining({ id: 2, current: true }),
    );
    await user.click(screen.getByRole('button', { name: 'Delete “Stress fracture”' }));
    expect(calls.onDelete).toHaveBeenCalledExactlyOnceWith(2);
  });

  it('shows the server’s refusal', () => {
    const message =
      'Your coach keeps at most 50 things about you: delete one you no longer need first.';
    render(<CoachMemoryCard data={[CALF]} {...mutations()} saveError={message} />);
    expect(screen.getByRole('alert').textContent).toBe(message);
  });
});
