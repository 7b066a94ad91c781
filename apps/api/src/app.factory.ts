import { type INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NextFunction, Request, Response } from 'express';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { AppModule } from './app.module.js';
import { RequestValidationError, violationsOf } from './common/errors/validation-errors.js';
import { AppLogger } from './common/app-logger.js';
import { JSON_BODY_LIMIT } from './common/http/body-limits.js';
import { heavyLane } from './common/http/heavy-lane.js';
import { pathIsUnstorable } from './common/http/json-shape.js';
import { JsonShapePipe } from './common/http/json-shape.pipe.js';
import { DomainError } from './common/errors/domain-error.js';
import { noStore, securityHeaders } from './common/http/security-headers.js';
import type { AppConfig } from './config/app-config.js';
import { APP_VERSION } from './version.js';
import { serveWebApp } from './web/web-app.js';

export type ResolvedConfig = AppConfig & { databaseUrl: string; authSecret: string };

/**
 * Builds the HTTP application exactly as it runs in production; `npm start`, the tests and the
 * benchmarks all go through here, so none of them tests a differently wired app.
 */
export async function createApp(config: ResolvedConfig): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: new AppLogger(config.logLevel),
    bodyParser: false,
  });
  // Headers first, so that every answer (errors of the body parser included) carries them.
  app.disable('x-powered-by');
  // req.ip, which the attempt limits count by: the socket's address, or the proxy's X-Forwarded-For.
  app.set('trust proxy', config.trustProxy);
  app.use(securityHeaders());
  app.use(['/api', '/health'], noStore);
  app.use((req: Request, _res: Response, next: NextFunction) => next(pathIsUnstorable(req.path) ? new DomainError('NOT_FOUND') : undefined));
  // JSON only, and small: a variant's largest content (CONTENT_LIMITS) fits with room to spare.
  // Upload bodies are not parsed here: the upload route reads its own after authorisation
  // (common/http/upload-body.ts), so no other route makes the server hold a large body.
  app.useBodyParser('json', { limit: JSON_BODY_LIMIT });
  app.use(heavyLane());
  app.setGlobalPrefix('api', { exclude: ['health'] });
  app.useGlobalPipes(
    new JsonShapePipe(),
    new ValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      // The target lets validation-errors.ts find each constraint's arguments; it never reaches a response.
      validationError: { target: true, value: false },
      exceptionFactory: (errors) => new RequestValidationError(violationsOf(errors)),
    }),
  );
  const openApi = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Interlinea API')
      .setDescription('Editions of aligned segments in several languages, with footnotes, review and exports.')
      .setVersion(APP_VERSION)
      .addBearerAuth()
      .build(),
  );
  SwaggerModule.setup('api/docs', app, openApi, { jsonDocumentUrl: 'api/docs/openapi.json' });
  serveWebApp(app, config.webDir);
  return app;
}
