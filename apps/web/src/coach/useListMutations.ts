import { type ApiErrorLike, apiErrorMessage } from '../auth/errors';

interface MutationLike<I> {
  mutateAsync: (input: I) => Promise<unknown>;
  reset: () => void;
  isPending: boolean;
  error: unknown;
}

/** What a card that edits a list in place needs from the page. */
export interface ListMutations<A, U> {
  saving: boolean;
  saveError: string | null;
  /** each resolves true when saved (the form closes), false when refused (the form shows why) */
  onAdd: (input: A) => Promise<boolean>;
  onUpdate: (input: U) => Promise<boolean>;
  onDelete: (id: number) => Promise<boolean>;
  /** a form opens or closes: the last save's error no longer applies */
  onEditChange: () => void;
}

/** A mutation's call as "saved or not", its error shown by the form rather than thrown. */
function saved<I>(mutation: { mutateAsync: (input: I) => Promise<unknown> }) {
  return (input: I) =>
    mutation.mutateAsync(input).then(
      () => true,
      () => false,
    );
}

/** The add, update and delete mutations of one list, their pending state and last error. */
export function useListMutations<A, U>(
  add: MutationLike<A>,
  update: MutationLike<U>,
  remove: MutationLike<{ id: number }>,
): ListMutations<A, U> {
  const error = [add, update, remove].find((m) => m.error)?.error;
  return {
    saving: add.isPending || update.isPending || remove.isPending,
    saveError: error ? apiErrorMessage(error as ApiErrorLike) : null,
    onAdd: saved(add),
    onUpdate: saved(update),
    onDelete: (id: number) => saved(remove)({ id }),
    onEditChange: () => {
      for (const mutation of [add, update, remove]) mutation.reset();
    },
  };
}
