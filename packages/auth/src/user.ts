/** What the rest of the server knows about the signed-in athlete. */
export interface AuthUser {
  id: number;
  email: string;
  displayName: string;
  timezone: string;
}

/** Prisma `select` for an AuthUser (never the password hash). */
export const AUTH_USER_SELECT = {
  id: true,
  email: true,
  displayName: true,
  timezone: true,
} as const;

export function toAuthUser(user: AuthUser): AuthUser {
  return { id: user.id, email: user.email, displayName: user.displayName, timezone: user.timezone };
}
