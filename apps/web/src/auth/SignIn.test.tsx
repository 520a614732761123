import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { authErrorMessage } from './errors';
import { DEMO_HINT, SignInForm } from './SignIn';

function renderForm(props: Partial<Parameters<typeof SignInForm>[0]> = {}) {
  const onSignIn = vi.fn();
  const onSignUp = vi.fn();
  const onModeChange = vi.fn();
  render(
    <SignInForm
      onSignIn={onSignIn}
      onSignUp={onSignUp}
      onModeChange={onModeChange}
      timeZone="Europe/Berlin"
      {...props}
    />,
  );
  return { onSignIn, onSignUp, onModeChange, user: userEvent.setup() };
}

describe('SignInForm', () => {
  it('shows the demo hint and labelled fields', () => {
    renderForm();
    expect(screen.getByText('Try the demo athlete: demo@example.com / demo-password')).toBeTruthy();
    expect(DEMO_HINT).toBe('Try the demo athlete: demo@example.com / demo-password');
    expect(screen.getByLabelText('Email')).toBe(screen.getByTestId('signin-email'));
    expect(screen.getByLabelText('Password')).toBe(screen.getByTestId('signin-password'));
    expect(screen.queryByTestId('signup-name')).toBeNull();
    expect(screen.getByTestId('signin-submit').textContent).toBe('Sign in');
  });

  it('switches to sign-up and back', async () => {
    const { user, onModeChange } = renderForm();
    await user.click(screen.getByTestId('signup-toggle'));
    expect(onModeChange).toHaveBeenLastCalledWith('signup');
    expect(screen.getByRole('heading', { name: 'Create your account' })).toBeTruthy();
    expect(screen.getByLabelText('Name')).toBe(screen.getByTestId('signup-name'));
    expect(screen.getByTestId('signin-submit').textContent).toBe('Create account');
    expect(screen.queryByText(DEMO_HINT)).toBeNull();
    await user.click(screen.getByTestId('signup-toggle'));
    expect(onModeChange).toHaveBeenLastCalledWith('signin');
    expect(screen.queryByTestId('signup-name')).toBeNull();
  });

  it('signs in with the trimmed email and the password', async () => {
    const { user, onSignIn } = renderForm();
    await user.type(screen.getByTestId('signin-email'), '  demo@example.com ');
    await user.type(screen.getByTestId('signin-password'), 'demo-password');
    await user.click(screen.getByTestId('signin-submit'));
    expect(onSignIn).toHaveBeenCalledWith({ email: 'demo@example.com', password: 'demo-password' });
  });

  it('signs up with name, email, password and the time zone', async () => {
    const { user, onSignUp } = renderForm();
    await user.click(screen.getByTestId('signup-toggle'));
    await user.type(screen.getByTestId('signup-name'), 'Ann Runner');
    await user.type(screen.getByTestId('signin-email'), 'ann@example.com');
    await user.type(screen.getByTestId('signin-password'), 'long-enough');
    await user.click(screen.getByTestId('signin-submit'));
    expect(onSignUp).toHaveBeenCalledWith({
      displayName: 'Ann Runner',
      email: 'ann@example.com',
      password: 'long-enough',
      timezone: 'Europe/Berlin',
    });
  });

  it('says what is wrong instead of sending invalid input', async () => {
    const { user, onSignIn, onSignUp } = renderForm();
    await user.click(screen.getByTestId('signin-submit'));
    expect(screen.getByText('Enter your email address.')).toBeTruthy();
    expect(screen.getByText('Enter your password.')).toBeTruthy();
    expect(screen.getByTestId('signin-email').getAttribute('aria-invalid')).toBe('true');
    await user.click(screen.getByTestId('signup-toggle'));
    await user.type(screen.getByTestId('signin-email'), 'not-an-email');
    await user.type(screen.getByTestId('signin-password'), 'short');
    await user.click(screen.getByTestId('signin-submit'));
    expect(screen.getByText('Enter your name.')).toBeTruthy();
    expect(screen.getByText('Enter a valid email address, like name@example.com.')).toBeTruthy();
    expect(screen.getByText('Choose a password of at least 8 characters.')).toBeTruthy();
    expect(onSignIn).not.toHaveBeenCalled();
    expect(onSignUp).not.toHaveBeenCalled();
  });

  it('shows the server error plainly and disables submit while pending', () => {
    renderForm({ error: 'Wrong email or password.', pending: true });
    expect(screen.getByRole('alert').textContent).toBe('Wrong email or password.');
    const submit = screen.getByTestId('signin-submit') as HTMLButtonElement;
    expect(submit.disabled).toBe(true);
    expect(submit.textContent).toBe('Signing in…');
  });
});

describe('authErrorMessage', () => {
  const error = (code: string | undefined, message = 'server says') => ({
    message,
    data: code ? { code } : null,
  });

  it('maps the API codes to plain sentences', () => {
    expect(authErrorMessage(error('UNAUTHORIZED'), 'signin')).toBe('Wrong email or password.');
    expect(authErrorMessage(error('CONFLICT'), 'signup')).toBe('That email is already registered.');
    const throttled = 'Too many failed sign-in attempts; try again in 840 s.';
    expect(authErrorMessage(error('TOO_MANY_REQUESTS', throttled), 'signin')).toBe(throttled);
    expect(authErrorMessage(error('BAD_REQUEST', 'Invalid email address'), 'signup')).toBe(
      'Invalid email address',
    );
    expect(authErrorMessage(error('INTERNAL_SERVER_ERROR'), 'signin')).toBe(
      'Something went wrong. Please try again.',
    );
    expect(authErrorMessage(error(undefined, 'Failed to fetch'), 'signin')).toBe(
      'The server could not be reached. Check your connection.',
    );
  });
});
