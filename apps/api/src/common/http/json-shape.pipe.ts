import { type ArgumentMetadata, Injectable, type PipeTransform } from '@nestjs/common';
import { DomainError } from '../errors/domain-error.js';
import { RequestValidationError } from '../errors/validation-errors.js';
import { checkJsonShape } from './json-shape.js';

/**
 * The first global pipe: every body and query is checked by json-shape.ts before class-transformer
 * and class-validator (which recurse) see it. One step for every route, instead of a rule per DTO.
 */
@Injectable()
export class JsonShapePipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' && metadata.type !== 'query') return value;
    const problem = checkJsonShape(value);
    if (!problem) return value;
    switch (problem.kind) {
      case 'tooDeep':
        throw new DomainError('BODY_TOO_DEEP', { limit: problem.limit });
      case 'tooLong':
        throw new RequestValidationError([{ field: problem.field, constraint: 'arrayMaxSize', args: [problem.limit] }]);
      case 'forbiddenKey':
        throw new RequestValidationError([{ field: problem.field, constraint: 'forbiddenKey', args: [] }]);
      case 'unstorable':
        throw new RequestValidationError([{ field: problem.field, constraint: 'unstorableCharacter', args: [problem.character] }]);
    }
  }
}
