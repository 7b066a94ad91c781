import type { ValidationError } from 'class-validator';
import { getMetadataStorage } from 'class-validator';
import { DomainError } from './domain-error.js';

/**
 * Turns class-validator's findings into one VALIDATION_FAILED error that lists every offending field.
 * Messages are not class-validator's English sentences: each failed constraint is kept as a key
 * (`validation.<constraint>`) plus its arguments, and DomainErrorFilter words it in the caller's
 * language. The arguments (the 8 of `@MinLength(8)`) come from class-validator's metadata.
 */
export class RequestValidationError extends DomainError {
  constructor(readonly violations: Violation[]) {
    super(
      'VALIDATION_FAILED',
      {},
      violations.map((v) => ({ field: v.field, message: v.constraint })),
    );
  }
}

export interface Violation {
  field: string;
  /** class-validator's constraint name (isEmail, minLength…), or `unknownProperty`. */
  constraint: string;
  args: unknown[];
}

export function violationsOf(errors: ValidationError[], parent = ''): Violation[] {
  const out: Violation[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    const constraintArgs = constraintArgsOf(error);
    for (const constraint of Object.keys(error.constraints ?? {})) {
      const contextKey = (error.contexts?.[constraint] as { key?: unknown } | undefined)?.key;
      const name =
        constraint === 'whitelistValidation' ? 'unknownProperty' : typeof contextKey === 'string' ? contextKey : constraint;
      out.push({ field, constraint: name, args: constraintArgs.get(constraint) ?? [] });
    }
    if (error.children?.length) out.push(...violationsOf(error.children, field));
  }
  return out;
}

function constraintArgsOf(error: ValidationError): Map<string, unknown[]> {
  const args = new Map<string, unknown[]>();
  const target = error.target as object | undefined;
  if (!target) return args;
  const metadata = getMetadataStorage().getTargetValidationMetadatas(target.constructor, '', true, false);
  for (const m of metadata) {
    if (m.propertyName === error.property && m.name) args.set(m.name, m.constraints ?? []);
  }
  return args;
}
