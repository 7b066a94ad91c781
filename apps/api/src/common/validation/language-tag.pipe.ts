import { Injectable, type PipeTransform } from '@nestjs/common';
import { RequestValidationError } from '../errors/validation-errors.js';
import { LANGUAGE_TAG } from './validators.js';

/** A language in a route (`…/variants/:language`) must be a language tag. */
@Injectable()
export class IsLanguageTagPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!LANGUAGE_TAG.test(value)) throw new RequestValidationError([{ field: 'language', constraint: 'isLanguageTag', args: [] }]);
    return value;
  }
}
