import { describe, expect, it } from 'vitest';
import {
  COMMON_PASSWORD_MESSAGE,
  newPasswordProblem,
  PERSONAL_PASSWORD_MESSAGE,
} from './password-policy';

const ANN = { email: 'ann.runner@example.com', displayName: 'Ann Runner' };

describe('newPasswordProblem', () => {
  it('refuses commonly used passwords, in any case', () => {
    for (const password of ['password', '12345678', 'Password1', 'QWERTYUIOP', 'iloveyou1']) {
      expect(newPasswordProblem(password, ANN), password).toBe(COMMON_PASSWORD_MESSAGE);
    }
  });

  it('refuses the athlete’s own email address, its name part, or display name', () => {
    for (const password of ['ann.runner@example.com', 'Ann.Runner', 'ann runner', 'ANN RUNNER']) {
      expect(newPasswordProblem(password, ANN), password).toBe(PERSONAL_PASSWORD_MESSAGE);
    }
  });

  it('accepts the rest, the demo password among them', () => {
    for (const password of ['demo-password', 'a-long-password', 'correct horse battery staple']) {
      expect(newPasswordProblem(password, ANN), password).toBeNull();
    }
  });
});
