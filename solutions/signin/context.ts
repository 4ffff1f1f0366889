/**
 * What the sign-in app's route handlers share: made once by `createApp`,
 * handed to each handler factory.
 *
 * @example
 * export function signupRoutes(context: SigninContext): { show: App; submit: App } { ... }
 */
import type { PasswordOptions } from "./passwords.ts";
import type { SigninLimits } from "./rate-limit.ts";
import type { Users } from "./users.ts";

/**
 * The app's long-lived parts.
 * @example const { users, passwords, limits } = context;
 */
export interface SigninContext {
  users: Users;
  /** How new passwords are hashed (tests make it cheap). */
  passwords: PasswordOptions;
  /** Checked instead of a real hash when the username is unknown (`dummyHash`). */
  dummyHash: string;
  limits: SigninLimits;
}
