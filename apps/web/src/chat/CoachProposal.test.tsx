import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it } from 'vitest';
import { answeredWith } from '../testing/chat-turns';
import { fakeApi } from '../testing/fake-api';
import { trpc } from '../trpc';
import { ChatLog } from './ChatLog';
import { type ChatState, chatReducer, initialChatState, type Proposal } from './chat-state';
import { MEMORY_LIST_KEY } from './RememberedNote';

const CALF = { id: 4, kind: 'injury', text: 'Left calf tight since 20 Nov' } as const;

/** A saved conversation reopened, its answer's proposal answered as given. */
function reopened(proposal: Proposal): ChatState {
  const at = '2026-11-26T08:00:00.000Z';
  return chatReducer(initialChatState(), {
    type: 'open',
    conversation: {
      id: 1,
      universe: 'general',
      title: 'Hi',
      updatedAt: at,
      messages: [
        { id: 1, role: 'user', content: 'Hi', status: null, facts: [], createdAt: at },
        {
          id: 2,
          role: 'assistant',
          content: 'Ease off.',
          status: 'done',
          facts: [],
          proposal,
          createdAt: at,
        },
      ],
    },
  });
}

/** Renders the log against a fake API whose answerProposal gives `answered`. */
function renderLog(state: ChatState, answered?: Proposal) {
  const api = fakeApi({ 'memory.answerProposal': answered });
  const queryClient = new QueryClient();
  queryClient.setQueryData(MEMORY_LIST_KEY, []);
  render(
    <trpc.Provider client={trpc.createClient({ links: [api.link] })} queryClient={queryClient}>
      <QueryClientProvider client={queryClient}>
        <ChatLog intro={null} turns={state.turns} streaming={false} visible followRequest="r1" />
      </QueryClientProvider>
    </trpc.Provider>,
  );
  const listInvalidated = () => queryClient.getQueryState(MEMORY_LIST_KEY)?.isInvalidated;
  return { inputs: api.inputs, listInvalidated };
}

describe('a memory item the coach proposes, under its answer', () => {
  it('Save keeps it: the answer, then the saved item and a refreshed panel list', async () => {
    const user = userEvent.setup();
    const { inputs, listInvalidated } = renderLog(answeredWith({ proposal: CALF }), {
      ...CALF,
      status: 'accepted',
    });
    const offer = within(screen.getByRole('group', { name: 'Your coach’s suggestion' }));
    expect(offer.getByText(/^Save to/).textContent).toBe(
      'Save to what your coach knows: “Left calf tight since 20 Nov”?',
    );
    await user.click(offer.getByRole('button', { name: 'Save' }));
    await waitFor(() =>
      expect(screen.getByTestId('chat-proposal').textContent).toBe(
        'Saved to what your coach knows: “Left calf tight since 20 Nov”',
      ),
    );
    expect(inputs).toEqual([{ path: 'memory.answerProposal', input: { id: 4, accept: true } }]);
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
    expect(listInvalidated()).toBe(true);
  });

  it('No thanks refuses it: nothing saved, the panel list left alone', async () => {
    const user = userEvent.setup();
    const { inputs, listInvalidated } = renderLog(answeredWith({ proposal: CALF }), {
      ...CALF,
      status: 'refused',
    });
    await user.click(screen.getByRole('button', { name: 'No thanks' }));
    await waitFor(() =>
      expect(screen.getByTestId('chat-proposal').textContent).toBe(
        'Not saved: “Left calf tight since 20 Nov”',
      ),
    );
    expect(inputs).toEqual([{ path: 'memory.answerProposal', input: { id: 4, accept: false } }]);
    expect(screen.queryByRole('button')).toBeNull();
    expect(listInvalidated()).toBe(false);
  });

  it('a reopened conversation offers a pending one again', () => {
    renderLog(reopened({ ...CALF, status: 'pending' }));
    expect(screen.getByRole('button', { name: 'Save' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'No thanks' })).toBeTruthy();
  });

  it('shows an answered one without buttons when reopened', () => {
    renderLog(reopened({ ...CALF, status: 'accepted' }));
    expect(screen.getByTestId('chat-proposal').textContent).toBe(
      'Saved to what your coach knows: “Left calf tight since 20 Nov”',
    );
    expect(screen.queryByRole('button')).toBeNull();
  });
});
