// Errors services throw; http maps them to status codes, the CLI to messages and exit codes.
export class NotFoundError extends Error {
  override name = 'NotFoundError';
}

export class InvalidInputError extends Error {
  override name = 'InvalidInputError';
  constructor(
    /** The parameter or field at fault. */
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

export class ConflictError extends Error {
  override name = 'ConflictError';
}
