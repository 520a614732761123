import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ActivitiesPage } from '../coach/types';
import { fakeApi } from '../testing/fake-api';
import { trpc } from '../trpc';
import { RecentActivitiesSection } from './ActivitiesSections';

const page: ActivitiesPage = {
  units: 'metric',
  nextCursor: null,
  items: [
    {
      id: 1,
      date: '2026-11-20',
      time: '07:00',
      type: 'run',
      name: 'Easy run',
      distance: 8,
      durationSeconds: 2700,
      climb: 0,
      averageHeartRate: null,
      perceivedEffort: null,
      notes: null,
      internalLoadEstimated: false,
      editable: true,
    },
  ],
};

function renderSection(answers: Record<string, unknown>) {
  const api = fakeApi(answers);
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const client = trpc.createClient({ links: [api.link] });
  render(
    <trpc.Provider client={client} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>
        <RecentActivitiesSection />
      </QueryClientProvider>
    </trpc.Provider>,
  );
  return { calls: api.calls, queryClient, card: within(screen.getByTestId('recent-activities')) };
}

afterEach(() => vi.unstubAllGlobals());

describe('RecentActivitiesSection', () => {
  it('after a delete, refetches the list and what follows from the activities', async () => {
    vi.stubGlobal('confirm', () => true);
    const { calls, queryClient, card } = renderSection({
      'activities.list': page,
      'coach.currentMetrics': null,
    });
    // Queries the page would show beside the list, already loaded.
    await queryClient.prefetchQuery({
      queryKey: [['coach', 'currentMetrics'], { type: 'query' }],
      queryFn: () => null,
    });
    await card.findByText('Easy run');
    const listedBefore = calls.filter((path) => path === 'activities.list').length;

    await userEvent
      .setup()
      .click(card.getByRole('button', { name: 'Delete Easy run on 2026-11-20' }));
    await waitFor(() => expect(calls).toContain('activities.delete'));
    await waitFor(() =>
      expect(calls.filter((path) => path === 'activities.list').length).toBeGreaterThan(
        listedBefore,
      ),
    );
    expect(
      queryClient.getQueryState([['coach', 'currentMetrics'], { type: 'query' }])?.isInvalidated,
    ).toBe(true);
  });
});
