import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { AppConfig } from '../config/app-config.js';
import { APP_CONFIG } from '../config/config.module.js';
import { UsersModule } from '../users/users.module.js';
import { ApiToken } from './api-token.entity.js';
import { AuthSession } from './auth-session.entity.js';
import { AuthController } from './auth.controller.js';
import { AuthGuard } from './auth.guard.js';
import { AttemptLimiter } from './attempt-limiter.js';
import { AuthService } from './auth.service.js';
import { PasswordsController } from './passwords.controller.js';
import { SessionsService } from './sessions.service.js';
import { TokenSigner } from './token-signer.js';

@Module({
  imports: [TypeOrmModule.forFeature([ApiToken, AuthSession]), UsersModule],
  controllers: [AuthController, PasswordsController],
  providers: [
    AuthService,
    AttemptLimiter,
    SessionsService,
    AuthGuard,
    {
      provide: TokenSigner,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => {
        if (!config.authSecret) throw new Error('AUTH_SECRET was not resolved before the application started');
        return new TokenSigner(config.authSecret);
      },
    },
  ],
  exports: [AuthService, SessionsService, AuthGuard, TokenSigner],
})
export class AuthModule {}
