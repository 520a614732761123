import { SignIn } from './auth/SignIn';
import { CoachPage } from './coach/CoachPage';
import { trpc } from './trpc';

/** Signed in → the Coach page; otherwise the sign-in form. */
export function App() {
  const me = trpc.auth.me.useQuery();
  if (me.isPending) return <p className="loading">Loading…</p>;
  if (me.isError) return <p className="error-banner">Connection error. Please try again.</p>;
  return me.data ? <CoachPage athlete={me.data} /> : <SignIn />;
}
