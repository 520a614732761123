import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { answeredWith } from '../testing/chat-turns';
import { ChatLog } from './ChatLog';
import type { Remembered } from './chat-state';
import { MEMORY_LIST_KEY } from './RememberedNote';

/** The log after one question answered with this `done` event, and the page's query cache. */
function answered(remembered?: Remembered) {
  const state = answeredWith(remembered ? { remembered } : {});
  const queryClient = new QueryClient();
  queryClient.setQueryData(MEMORY_LIST_KEY, []);
  render(
    <QueryClientProvider client={queryClient}>
      <ChatLog intro={null} turns={state.turns} streaming={false} visible followRequest="r1" />
    </QueryClientProvider>,
  );
  return queryClient;
}

describe('the "saved to what your coach knows" note', () => {
  it('shows the saved item with a link to the panel, and refreshes the panel’s list', () => {
    const queryClient = answered({
      saved: true,
      id: 7,
      kind: 'constraint',
      text: 'No runs on Tuesdays',
    });
    const note = screen.getByTestId('chat-remembered');
    expect(note.textContent).toBe('Saved to what your coach knows: “No runs on Tuesdays”');
    expect(within(note).getByRole('link').getAttribute('href')).toBe('#what-your-coach-knows');
    expect(queryClient.getQueryState(MEMORY_LIST_KEY)?.isInvalidated).toBe(true);
  });

  it('says since when the item’s words dated it', () => {
    answered({
      saved: true,
      id: 8,
      kind: 'injury',
      text: 'Left calf tight since 20 Nov',
      since: '2024-11-20',
    });
    expect(screen.getByTestId('chat-remembered').textContent).toBe(
      'Saved to what your coach knows: “Left calf tight since 20 Nov”, since Wed 20 Nov 2024',
    );
  });

  it('says why when the item was not saved, and leaves the list alone', () => {
    const queryClient = answered({ saved: false, message: 'Your coach keeps at most 50 things.' });
    expect(screen.getByTestId('chat-remembered').textContent).toBe(
      'Not saved: Your coach keeps at most 50 things.',
    );
    expect(queryClient.getQueryState(MEMORY_LIST_KEY)?.isInvalidated).toBe(false);
  });

  it('is absent when the question asked nothing to be remembered', () => {
    answered();
    expect(screen.queryByTestId('chat-remembered')).toBeNull();
  });
});
