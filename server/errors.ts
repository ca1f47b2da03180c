/** Field-level problem reported with a 400. */
export interface FieldProblem {
  field: string;
  code: string;
  message?: { zh: string; en: string };
}

/** An expected failure with a stable code, an HTTP status and optional details. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly details?: FieldProblem[] | Record<string, unknown>,
    message?: string,
  ) {
    super(message ?? code);
  }
}

export const notFound = () => new AppError('NOT_FOUND', 404);
export const forbidden = () => new AppError('FORBIDDEN', 403);
export const invalid = (details: FieldProblem[], code = 'VALIDATION_FAILED') =>
  new AppError(code, 400, details);
