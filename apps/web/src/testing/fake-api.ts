import type { AppRouter } from '@coach/api';
import type { TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';

/** A tRPC link for component tests that answers from `answers` by path and records every call. */
export function fakeApi(answers: Record<string, unknown>) {
  const calls: string[] = [];
  const inputs: { path: string; input: unknown }[] = [];
  const link: TRPCLink<AppRouter> =
    () =>
    ({ op }) =>
      observable((observer) => {
        calls.push(op.path);
        inputs.push({ path: op.path, input: op.input });
        observer.next({ result: { data: answers[op.path] ?? null } });
        observer.complete();
      });
  return { link, calls, inputs };
}
