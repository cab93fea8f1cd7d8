import { cliText } from './text';

/** A problem with the input that the user must fix: exit 2 with one Danish line. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

export const fail = (message: string): never => {
  throw new UserError(message);
};

export function userMessage(error: unknown): string {
  return error instanceof UserError ? error.message : cliText.unexpected;
}
