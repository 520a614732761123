import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { settings } from './fixtures';
import { coachingStyleName, SettingsCard, timeZoneOptions } from './SettingsForm';

const zones = ['America/Denver', 'Asia/Tokyo', 'Europe/Berlin'];

describe('SettingsCard', () => {
  it('shows the style name for the spectrum value and follows the slider', () => {
    render(<SettingsCard data={settings} onSubmit={vi.fn()} timeZones={zones} />);
    const card = within(screen.getByTestId('settings-form'));
    const slider = card.getByLabelText('Coaching style') as HTMLInputElement;
    expect(slider.value).toBe('60');
    expect(card.getByTestId('coaching-style').textContent).toBe('Motivational');
    fireEvent.change(slider, { target: { value: '20' } });
    expect(card.getByTestId('coaching-style').textContent).toBe('Casual');
    fireEvent.change(slider, { target: { value: '50' } });
    expect(card.getByTestId('coaching-style').textContent).toBe('Supportive');
    fireEvent.change(slider, { target: { value: '76' } });
    expect(card.getByTestId('coaching-style').textContent).toBe('Analytical');
    expect(slider.getAttribute('aria-valuetext')).toBe('76: Analytical');
  });

  it('sends the time zone, spectrum and risk tolerance', async () => {
    const onSubmit = vi.fn();
    const user = userEvent.setup();
    render(<SettingsCard data={settings} onSubmit={onSubmit} timeZones={zones} />);
    const card = within(screen.getByTestId('settings-form'));
    await user.selectOptions(card.getByLabelText('Time zone'), 'Asia/Tokyo');
    fireEvent.change(card.getByLabelText('Coaching style'), { target: { value: '90' } });
    await user.click(card.getByRole('radio', { name: /^Conservative/ }));
    await user.click(card.getByRole('button', { name: 'Save settings' }));
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith({
      timezone: 'Asia/Tokyo',
      coachingSpectrum: 90,
      riskTolerance: 'conservative',
      units: 'metric',
      sex: 'female',
      restingHeartRate: 50,
      maxHeartRate: 188,
      availability: settings.availability,
    });
  });

  it('sends the profile and weekly availability, Monday first', async () => {
    const onSubmit = vi.fn();
    const user = userEvent.setup();
    render(
      <SettingsCard
        data={{ ...settings, availability: null, restingHeartRate: null, sex: null }}
        onSubmit={onSubmit}
        timeZones={zones}
      />,
    );
    const card = within(screen.getByTestId('settings-form'));
    await user.click(card.getByRole('radio', { name: 'Miles' }));
    await user.type(card.getByLabelText('Resting heart rate (bpm)'), '48');
    await user.clear(card.getByLabelText('Maximum heart rate (bpm)'));
    await user.selectOptions(card.getByLabelText('Sex'), 'male');
    for (const day of ['Saturday', 'Monday', 'Wednesday']) {
      await user.click(card.getByRole('checkbox', { name: day }));
    }
    await user.click(card.getByRole('button', { name: 'Save settings' }));
    expect(card.getByRole('alert').textContent).toBe(
      'Choose your long-run day among your training days.',
    );
    expect(onSubmit).not.toHaveBeenCalled();
    await user.selectOptions(card.getByLabelText('Long-run day'), 'Saturday');
    await user.click(card.getByRole('button', { name: 'Save settings' }));
    expect(onSubmit).toHaveBeenCalledExactlyOnceWith(
      expect.objectContaining({
        units: 'imperial',
        sex: 'male',
        restingHeartRate: 48,
        maxHeartRate: null,
        availability: { trainingDays: ['Monday', 'Wednesday', 'Saturday'], longRunDay: 'Saturday' },
      }),
    );
  });

  it('sends no availability until a day is chosen, and refuses an empty week once there is one', async () => {
    const onSubmit = vi.fn();
    const user = userEvent.setup();
    const { unmount } = render(
      <SettingsCard
        data={{ ...settings, availability: null }}
        onSubmit={onSubmit}
        timeZones={zones}
      />,
    );
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(onSubmit.mock.calls[0]?.[0]).not.toHaveProperty('availability');
    unmount();

    render(<SettingsCard data={settings} onSubmit={onSubmit} timeZones={zones} />);
    // Unticking the long-run day also clears the long-run choice.
    for (const day of ['Tuesday', 'Thursday', 'Saturday', 'Sunday']) {
      await user.click(screen.getByRole('checkbox', { name: day }));
    }
    expect((screen.getByLabelText('Long-run day') as HTMLSelectElement).value).toBe('');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(screen.getByRole('alert').textContent).toBe('Choose at least one training day.');
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it('refuses a heart rate out of range before sending', async () => {
    const onSubmit = vi.fn();
    const user = userEvent.setup();
    render(<SettingsCard data={settings} onSubmit={onSubmit} timeZones={zones} />);
    const resting = screen.getByLabelText('Resting heart rate (bpm)');
    await user.clear(resting);
    await user.type(resting, '12');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(screen.getByRole('alert').textContent).toBe(
      'Resting heart rate must be a whole number from 30 to 120.',
    );
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('shows the saved message until the next change', () => {
    render(<SettingsCard data={settings} onSubmit={vi.fn()} saved timeZones={zones} />);
    expect(screen.getByText('Settings saved.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Coaching style'), { target: { value: '10' } });
    expect(screen.queryByText('Settings saved.')).toBeNull();
  });

  it('has loading and error states', () => {
    const { rerender } = render(<SettingsCard data={undefined} onSubmit={vi.fn()} />);
    expect(screen.getByText('Loading…')).toBeTruthy();
    rerender(<SettingsCard data={null} error="Something went wrong." onSubmit={vi.fn()} />);
    expect(screen.getByRole('alert').textContent).toContain('Something went wrong.');
  });
});

describe('settings helpers', () => {
  it('names the styles and keeps the athlete’s zone selectable', () => {
    expect(coachingStyleName(25)).toBe('Casual');
    expect(coachingStyleName(51)).toBe('Motivational');
    expect(timeZoneOptions('UTC', zones)).toEqual([...zones, 'UTC']);
    expect(timeZoneOptions('Europe/Berlin').includes('Europe/Berlin')).toBe(true);
  });
});
