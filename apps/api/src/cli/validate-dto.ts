import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { RequestValidationError, violationsOf } from '../common/errors/validation-errors.js';

/** The same validation a REST body gets, for values that come from the command line. */
export async function validateDto<T extends object>(type: new () => T, plain: Record<string, unknown>): Promise<T> {
  const instance = plainToInstance(type, plain);
  const errors = await validate(instance, { whitelist: true, forbidNonWhitelisted: true });
  if (errors.length) throw new RequestValidationError(violationsOf(errors));
  return instance;
}
