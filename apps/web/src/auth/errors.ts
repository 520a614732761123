/** What the athlete reads when an API call fails: never a stack trace, never raw JSON. */

/** The part of a tRPC client error the page looks at (TRPCClientError has this shape). */
export interface ApiErrorLike {
  message: string;
  data?: { code?: string } | null;
}

const NETWORK_ERROR_MESSAGE = 'The server could not be reached. Check your connection.';
const GENERIC_ERROR_MESSAGE = 'Something went wrong. Please try again.';

export function errorCode(error: ApiErrorLike | null | undefined): string | undefined {
  return error?.data?.code ?? undefined;
}

/**
 * A plain sentence for any API error. The server's messages are written for athletes (validation,
 * limits, its generic message for unexpected errors); an error without a tRPC code never reached the
 * server (offline, proxy down), so its message ("Failed to fetch") is not shown.
 */
export function apiErrorMessage(error: ApiErrorLike): string {
  const code = errorCode(error);
  if (!code) return NETWORK_ERROR_MESSAGE;
  if (code === 'UNAUTHORIZED') return 'Your session has ended. Please sign in again.';
  return error.message.trim() || GENERIC_ERROR_MESSAGE;
}

/** The sign-in and sign-up errors, in the words the form shows. */
export function authErrorMessage(error: ApiErrorLike, mode: 'signin' | 'signup'): string {
  switch (errorCode(error)) {
    case 'UNAUTHORIZED':
      return mode === 'signin' ? 'Wrong email or password.' : GENERIC_ERROR_MESSAGE;
    case 'CONFLICT':
      return 'That email is already registered.';
    case 'TOO_MANY_REQUESTS':
      // The throttle's own message says how long to wait.
      return error.message.trim() || 'Too many failed sign-in attempts. Please wait and try again.';
    case 'BAD_REQUEST':
      return error.message.trim() || 'Please check the form and try again.';
    case undefined:
      return NETWORK_ERROR_MESSAGE;
    default:
      return GENERIC_ERROR_MESSAGE;
  }
}
