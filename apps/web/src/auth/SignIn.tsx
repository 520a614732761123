import { useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { trpc } from '../trpc';
import { authErrorMessage } from './errors';
import { clearAthleteData } from './session';

export type AuthMode = 'signin' | 'signup';

interface SignInValues {
  email: string;
  password: string;
}

interface SignUpValues extends SignInValues {
  displayName: string;
  timezone: string;
}

// The server's limits (packages/auth signupInput / loginInput), checked here first for plain messages.
const PASSWORD_MIN_CHARS = 8;
const PASSWORD_MAX_CHARS = 200;
const DISPLAY_NAME_MAX_CHARS = 80;
const EMAIL_MAX_CHARS = 254;

export const DEMO_HINT = 'Try the demo athlete: demo@example.com / demo-password';

type Field = 'displayName' | 'email' | 'password';
type FieldErrors = Partial<Record<Field, string>>;

/** The browser's own time zone, which a new account starts with (changeable in Settings). */
function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function validateAuthForm(
  mode: AuthMode,
  values: { displayName: string; email: string; password: string },
): FieldErrors {
  const errors: FieldErrors = {};
  const email = values.email.trim();
  if (mode === 'signup') {
    const name = values.displayName.trim();
    if (!name) errors.displayName = 'Enter your name.';
    else if (name.length > DISPLAY_NAME_MAX_CHARS) {
      errors.displayName = `Your name can be at most ${DISPLAY_NAME_MAX_CHARS} characters.`;
    }
  }
  if (!email) errors.email = 'Enter your email address.';
  else if (email.length > EMAIL_MAX_CHARS || !EMAIL_PATTERN.test(email)) {
    errors.email = 'Enter a valid email address, like name@example.com.';
  }
  if (!values.password) errors.password = 'Enter your password.';
  else if (values.password.length > PASSWORD_MAX_CHARS) {
    errors.password = `The password can be at most ${PASSWORD_MAX_CHARS} characters.`;
  } else if (mode === 'signup' && values.password.length < PASSWORD_MIN_CHARS) {
    errors.password = `Choose a password of at least ${PASSWORD_MIN_CHARS} characters.`;
  }
  return errors;
}

function submitLabel(mode: AuthMode, pending: boolean): string {
  if (mode === 'signup') return pending ? 'Creating account…' : 'Create account';
  return pending ? 'Signing in…' : 'Sign in';
}

export interface SignInFormProps {
  onSignIn: (values: SignInValues) => void;
  onSignUp: (values: SignUpValues) => void;
  /** a request is on its way: the submit button is disabled */
  pending?: boolean;
  /** the server's answer to the last attempt, in plain words */
  error?: string | null;
  /** called when the athlete switches between signing in and signing up */
  onModeChange?: (mode: AuthMode) => void;
  initialMode?: AuthMode;
  /** the time zone a new account gets; the browser's by default */
  timeZone?: string;
}

/** The sign-in / sign-up form, without the API: what it sends goes to onSignIn / onSignUp. */
export function SignInForm({
  onSignIn,
  onSignUp,
  pending = false,
  error = null,
  onModeChange,
  initialMode = 'signin',
  timeZone,
}: SignInFormProps) {
  const id = useId();
  const [mode, setMode] = useState<AuthMode>(initialMode);
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const signingUp = mode === 'signup';
  const zone = timeZone ?? browserTimeZone();

  function switchMode() {
    const next: AuthMode = signingUp ? 'signin' : 'signup';
    setMode(next);
    setFieldErrors({});
    onModeChange?.(next);
  }

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (pending) return;
    const errors = validateAuthForm(mode, { displayName, email, password });
    setFieldErrors(errors);
    if (Object.keys(errors).length > 0) return;
    const credentials = { email: email.trim(), password };
    if (signingUp) onSignUp({ ...credentials, displayName: displayName.trim(), timezone: zone });
    else onSignIn(credentials);
  }

  const title = signingUp ? 'Create your account' : 'Sign in';
  const fieldError = (field: Field) => {
    const message = fieldErrors[field];
    return message ? (
      <p className="field-error" id={`${id}-${field}-error`}>
        {message}
      </p>
    ) : null;
  };
  const describedBy = (field: Field, hint?: string) =>
    [fieldErrors[field] ? `${id}-${field}-error` : null, hint].filter(Boolean).join(' ') ||
    undefined;

  return (
    <main className="auth-page">
      <section className="card auth-card" aria-labelledby={`${id}-title`}>
        <p className="brand">Coach</p>
        <h1 id={`${id}-title`}>{title}</h1>
        <p className="muted">
          {signingUp
            ? 'Your training companion: load, plan and a coach to ask.'
            : 'Welcome back. Sign in to see your training.'}
        </p>
        <form className="auth-form" onSubmit={submit} noValidate>
          {signingUp && (
            <div className="field">
              <label htmlFor={`${id}-name`}>Name</label>
              <input
                id={`${id}-name`}
                data-testid="signup-name"
                name="displayName"
                autoComplete="name"
                maxLength={DISPLAY_NAME_MAX_CHARS}
                value={displayName}
                onChange={(event) => setDisplayName(event.target.value)}
                aria-invalid={fieldErrors.displayName ? true : undefined}
                aria-describedby={describedBy('displayName')}
              />
              {fieldError('displayName')}
            </div>
          )}
          <div className="field">
            <label htmlFor={`${id}-email`}>Email</label>
            <input
              id={`${id}-email`}
              data-testid="signin-email"
              name="email"
              type="email"
              inputMode="email"
              autoComplete={signingUp ? 'email' : 'username'}
              maxLength={EMAIL_MAX_CHARS}
              value={email}
              onChange={(event) => setEmail(event.target.value)}
              aria-invalid={fieldErrors.email ? true : undefined}
              aria-describedby={describedBy('email')}
            />
            {fieldError('email')}
          </div>
          <div className="field">
            <label htmlFor={`${id}-password`}>Password</label>
            <input
              id={`${id}-password`}
              data-testid="signin-password"
              name="password"
              type="password"
              autoComplete={signingUp ? 'new-password' : 'current-password'}
              maxLength={PASSWORD_MAX_CHARS}
              value={password}
              onChange={(event) => setPassword(event.target.value)}
              aria-invalid={fieldErrors.password ? true : undefined}
              aria-describedby={describedBy(
                'password',
                signingUp ? `${id}-password-hint` : undefined,
              )}
            />
            {signingUp && (
              <p className="hint" id={`${id}-password-hint`}>
                At least {PASSWORD_MIN_CHARS} characters.
              </p>
            )}
            {fieldError('password')}
          </div>
          {signingUp && (
            <p className="hint">Time zone: {zone} (you can change it later in Settings).</p>
          )}
          {error && (
            <p className="form-error" role="alert">
              {error}
            </p>
          )}
          <button
            type="submit"
            className="button primary"
            data-testid="signin-submit"
            disabled={pending}
            aria-busy={pending || undefined}
          >
            {submitLabel(mode, pending)}
          </button>
        </form>
        <p className="auth-switch">
          {signingUp ? 'Already have an account?' : 'New here?'}{' '}
          <button
            type="button"
            className="link-button"
            data-testid="signup-toggle"
            onClick={switchMode}
          >
            {signingUp ? 'Sign in instead' : 'Create an account'}
          </button>
        </p>
        {!signingUp && <p className="demo-hint">{DEMO_HINT}</p>}
      </section>
    </main>
  );
}

/** Sign in or sign up; on success the page asks `auth.me` again and shows the Coach page. */
export function SignIn() {
  const utils = trpc.useUtils();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<AuthMode>('signin');
  const onSuccess = async () => {
    clearAthleteData(queryClient);
    await utils.auth.me.invalidate();
  };
  const login = trpc.auth.login.useMutation({ onSuccess });
  const signup = trpc.auth.signup.useMutation({ onSuccess });
  const active = mode === 'signin' ? login : signup;

  return (
    <SignInForm
      initialMode={mode}
      pending={login.isPending || signup.isPending}
      error={active.error ? authErrorMessage(active.error, mode) : null}
      onModeChange={(next) => {
        setMode(next);
        login.reset();
        signup.reset();
      }}
      onSignIn={(values) => login.mutate(values)}
      onSignUp={(values) => signup.mutate(values)}
    />
  );
}
