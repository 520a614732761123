import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ActivityView } from '../coach/types';
import { RecentActivitiesCard, type RecentActivitiesCardProps } from './RecentActivities';

const manual: ActivityView = {
  id: 7,
  date: '2026-11-20',
  time: '07:30',
  type: 'run',
  name: 'Easy run',
  distance: 6.21,
  durationSeconds: 3000,
  climb: 328,
  averageHeartRate: 142,
  perceivedEffort: 4,
  notes: 'Legs heavy after the long run',
  internalLoadEstimated: false,
  editable: true,
};
const imported: ActivityView = {
  ...manual,
  id: 8,
  date: '2026-11-22',
  type: 'trail_run',
  name: 'Hill repeats',
  averageHeartRate: null,
  perceivedEffort: null,
  notes: null,
  internalLoadEstimated: true,
  editable: false,
};

function renderCard(props: Partial<RecentActivitiesCardProps> = {}) {
  const handlers = {
    onCreate: vi.fn(async () => ({ id: 9 })),
    onUpdate: vi.fn(async () => undefined),
    onDelete: vi.fn(async () => undefined),
    onMore: vi.fn(),
  };
  render(
    <RecentActivitiesCard
      data={{ units: 'imperial', items: [imported, manual] }}
      today="2026-11-26"
      {...handlers}
      {...props}
    />,
  );
  return {
    ...handlers,
    user: userEvent.setup(),
    card: within(screen.getByTestId('recent-activities')),
  };
}

afterEach(() => vi.unstubAllGlobals());

describe('RecentActivitiesCard', () => {
  it('lists activities in the athlete’s units; only those added by hand can be edited', () => {
    const { card } = renderCard();
    const rows = card.getAllByTestId('activity-row');
    expect(rows.map((row) => row.textContent)).toEqual([
      expect.stringContaining('Hill repeats · Trail run6.21 mi50:00328 ft–est.'),
      expect.stringContaining('Easy run · RunLegs heavy after the long run6.21 mi50:00328 ft1424'),
    ]);
    expect(card.queryByRole('button', { name: 'Edit Hill repeats on 2026-11-22' })).toBeNull();
    expect(card.getByRole('button', { name: 'Edit Easy run on 2026-11-20' })).toBeTruthy();
  });

  it('says when there is nothing yet', () => {
    renderCard({ data: { units: 'metric', items: [] } });
    expect(screen.getByText(/No activities yet/)).toBeTruthy();
  });

  it('adds an activity by hand, minutes sent as seconds, in the athlete’s units', async () => {
    const { card, user, onCreate } = renderCard();
    await user.click(card.getByRole('button', { name: 'Add by hand' }));
    const form = within(card.getByRole('form', { name: 'Add an activity' }));
    await user.click(form.getByRole('button', { name: 'Add activity' }));
    expect(form.getByRole('alert').textContent).toBe('Enter the distance.');
    await user.selectOptions(form.getByLabelText('Type'), 'treadmill_run');
    await user.type(form.getByLabelText('Distance (mi)'), '5');
    await user.type(form.getByLabelText('Duration (minutes)'), '42.5');
    await user.type(form.getByLabelText('Climb (ft)'), '120');
    await user.type(form.getByLabelText('Effort (RPE 1–10)'), '6');
    await user.type(form.getByLabelText('Notes'), '  Rain, windy  ');
    await user.click(form.getByRole('button', { name: 'Add activity' }));
    expect(onCreate).toHaveBeenCalledExactlyOnceWith({
      date: '2026-11-26',
      time: '12:00',
      type: 'treadmill_run',
      name: '',
      distance: 5,
      durationSeconds: 2550,
      climb: 120,
      averageHeartRate: null,
      perceivedEffort: 6,
      notes: 'Rain, windy',
    });
    expect(card.queryByRole('form')).toBeNull();
  });

  it('edits an activity with its values filled in', async () => {
    const { card, user, onUpdate } = renderCard();
    await user.click(card.getByRole('button', { name: 'Edit Easy run on 2026-11-20' }));
    const form = within(card.getByRole('form', { name: 'Edit activity' }));
    const distance = form.getByLabelText('Distance (mi)') as HTMLInputElement;
    expect(distance.value).toBe('6.21');
    await user.clear(distance);
    await user.type(distance, '7');
    await user.click(form.getByRole('button', { name: 'Save activity' }));
    expect(onUpdate).toHaveBeenCalledExactlyOnceWith(7, {
      date: '2026-11-20',
      time: '07:30',
      type: 'run',
      name: 'Easy run',
      distance: 7,
      durationSeconds: 3000,
      climb: 328,
      averageHeartRate: 142,
      perceivedEffort: 4,
      notes: 'Legs heavy after the long run',
    });
  });

  it('keeps the form open with the reason when saving fails', async () => {
    const onCreate = vi.fn(async () => {
      throw new Error('refused');
    });
    const { card, user } = renderCard({ onCreate, changeError: 'Distance is too large' });
    await user.click(card.getByRole('button', { name: 'Add by hand' }));
    const form = within(card.getByRole('form', { name: 'Add an activity' }));
    await user.type(form.getByLabelText('Distance (mi)'), '5');
    await user.type(form.getByLabelText('Duration (minutes)'), '40');
    await user.click(form.getByRole('button', { name: 'Add activity' }));
    expect(card.getByRole('form', { name: 'Add an activity' })).toBeTruthy();
    expect(form.getByRole('alert').textContent).toBe('Distance is too large');
  });

  it('deletes after the athlete confirms, and pages to older activities', async () => {
    const confirm = vi.fn().mockReturnValueOnce(false).mockReturnValueOnce(true);
    vi.stubGlobal('confirm', confirm);
    const { card, user, onDelete, onMore } = renderCard({ hasMore: true });
    const remove = card.getByRole('button', { name: 'Delete Hill repeats on 2026-11-22' });
    await user.click(remove);
    expect(onDelete).not.toHaveBeenCalled();
    await user.click(remove);
    expect(onDelete).toHaveBeenCalledExactlyOnceWith(8);
    expect(confirm).toHaveBeenCalledTimes(2);
    await user.click(card.getByRole('button', { name: 'Show older activities' }));
    expect(onMore).toHaveBeenCalledOnce();
  });
});
