import { render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { acwrZoneText, CurrentMetricsCard, divergenceText } from './CurrentMetrics';
import { metrics } from './fixtures';

describe('CurrentMetricsCard', () => {
  it('shows both ACWRs against the thresholds, the status, its reasons and the disclaimer', () => {
    render(<CurrentMetricsCard data={metrics} />);
    const card = within(screen.getByTestId('current-metrics'));
    expect(screen.getByTestId('acwr-external').textContent).toBe('1.12');
    expect(screen.getByTestId('acwr-internal').textContent).toBe('1.37');
    expect(
      card.getByText('Your body is struggling with the load: back off and recover.'),
    ).toBeTruthy();
    expect(card.getByText(metrics.assessment.reasons[0] as string)).toBeTruthy();
    expect(
      card.getByText(/ACWR is a guide .*not an injury prediction or a diagnosis/),
    ).toBeTruthy();
    expect(card.getByText('Wed 25 Nov')).toBeTruthy();
    // Each gauge says in words where the ratio sits, against the athlete's own high-risk line.
    expect(
      card.getByRole('img', {
        name: 'External ACWR 1.12, in the optimal zone. Optimal zone 0.80 to 1.30; your high-risk line 1.30.',
      }),
    ).toBeTruthy();
    expect(
      card.getByRole('img', { name: /^Internal ACWR 1\.37, above your high-risk line/ }),
    ).toBeTruthy();
    expect(card.getByText('\u22120.20')).toBeTruthy();
    expect(card.getByText(/Internal strain is far outpacing the work done/)).toBeTruthy();
    expect(card.getByText('Rest due after 7 days in a row.')).toBeTruthy();
    expect(screen.getByTestId('current-metrics').textContent).not.toContain('{');
  });

  it('explains missing ratios when the history is too short', () => {
    render(
      <CurrentMetricsCard
        data={{
          ...metrics,
          externalAcwr: null,
          internalAcwr: null,
          normalizedDivergence: null,
          historyDays: 12,
          asOf: 'earlier',
          upToDate: false,
          date: '2026-11-23',
          assessment: { status: 'insufficient_history', reasons: [] },
          statusText: 'Keep logging: ratios need four weeks of training history.',
        }}
      />,
    );
    expect(screen.getByTestId('acwr-external').textContent).toBe('—');
    expect(screen.getByText('Ratios need 28 days of training history; you have 12.')).toBeTruthy();
    expect(
      screen.getByText('Latest metrics from Mon 23 Nov: nothing recorded since.'),
    ).toBeTruthy();
  });

  it('says the metrics are as of yesterday while today has no activity', () => {
    render(
      <CurrentMetricsCard
        data={{ ...metrics, asOf: 'yesterday', upToDate: false, date: '2026-11-24' }}
      />,
    );
    expect(screen.getByText('As of yesterday: today counts from its first activity.')).toBeTruthy();
    expect(screen.queryByText(/nothing recorded since/)).toBeNull();
  });

  it('has loading, empty and error states', () => {
    const onRetry = vi.fn();
    const { rerender } = render(<CurrentMetricsCard data={undefined} />);
    expect(screen.getByText('Loading…')).toBeTruthy();
    rerender(<CurrentMetricsCard data={null} />);
    expect(screen.getByText(/^No metrics yet/)).toBeTruthy();
    rerender(<CurrentMetricsCard data={null} error="Something went wrong." onRetry={onRetry} />);
    expect(screen.getByRole('alert').textContent).toContain('Something went wrong.');
    screen.getByRole('button', { name: 'Try again' }).click();
    expect(onRetry).toHaveBeenCalledOnce();
  });
});

describe('zones in words', () => {
  const optimal = { min: 0.8, max: 1.3 };
  it('places a ratio against the optimal zone and the high-risk line', () => {
    expect(acwrZoneText(0.7, optimal, 1.3, 1.5)).toBe('below the optimal zone');
    expect(acwrZoneText(1.3, optimal, 1.3, 1.5)).toBe('in the optimal zone');
    expect(acwrZoneText(1.25, optimal, 1.2, 1.5)).toBe('above your high-risk line');
    expect(acwrZoneText(1.4, optimal, 1.5, 1.5)).toBe('above the optimal zone');
    expect(acwrZoneText(1.6, optimal, 1.5, 1.5)).toBe('in the danger zone');
    expect(acwrZoneText(null, optimal, 1.3, 1.5)).toBe('no ratio yet');
    expect(divergenceText(0.1, metrics.thresholds)).toMatch(/handling the work/);
    expect(divergenceText(-0.06, metrics.thresholds)).toMatch(/starting to outpace/);
  });
});
