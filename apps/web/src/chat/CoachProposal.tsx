import { useQueryClient } from '@tanstack/react-query';
import { COACH_MEMORY_ANCHOR } from '../coach/anchors';
import { trpc } from '../trpc';
import type { Proposal } from './chat-state';
import { MEMORY_LIST_KEY } from './RememberedNote';

/**
 * Under an answer whose coach proposed keeping something: Save / No thanks while it is pending
 * (saving refreshes the panel's list, so it shows the item), then what the athlete chose.
 */
export function CoachProposal({ proposal }: { proposal: Proposal }) {
  const queryClient = useQueryClient();
  const answer = trpc.memory.answerProposal.useMutation({
    onSuccess: (answered) => {
      if (answered.status === 'accepted') {
        void queryClient.invalidateQueries({ queryKey: MEMORY_LIST_KEY });
      }
    },
  });
  const status = answer.data?.status ?? proposal.status;
  const panel = <a href={`#${COACH_MEMORY_ANCHOR}`}>what your coach knows</a>;
  if (status !== 'pending') {
    return (
      <p className="chat-proposal" data-testid="chat-proposal" role="status">
        {status === 'accepted' ? <>Saved to {panel}</> : <>Not saved</>}: “{proposal.text}”
      </p>
    );
  }
  const answerWith = (accept: boolean) => answer.mutate({ id: proposal.id, accept });
  return (
    <fieldset
      className="chat-proposal"
      data-testid="chat-proposal"
      aria-label="Your coach’s suggestion"
    >
      <p>
        Save to {panel}: “{proposal.text}”?
      </p>
      <button type="button" disabled={answer.isPending} onClick={() => answerWith(true)}>
        Save
      </button>
      <button type="button" disabled={answer.isPending} onClick={() => answerWith(false)}>
        No thanks
      </button>
      {answer.error && <p role="alert">{answer.error.message}</p>}
    </fieldset>
  );
}
