import { DynamicModule, Module } from '@nestjs/common';
import { AuthController, Authority } from './auth/auth.controller';
import { WebConfig } from './config';
import { DocumentsController } from './documents/documents.controller';
import { Documents } from './documents/documents.service';
import { VerificationController } from './documents/verification.controller';
import { SessionStore } from './session/session.store';
import { AUTHORITY, DOCUMENTS, SESSION_STORE, WEB_CONFIG } from './tokens';

/** Composition root of the web service: the session store and the authority are made in main.ts (they are needed before Nest's routes); `modules` are further areas (the citizens' pages). */
@Module({})
export class AppModule {
  static forRoot(config: WebConfig, store: SessionStore, authority: Authority, documents: Documents, modules: DynamicModule[] = []): DynamicModule {
    return {
      module: AppModule,
      imports: modules,
      controllers: [AuthController, DocumentsController, VerificationController],
      providers: [
        { provide: WEB_CONFIG, useValue: config },
        { provide: SESSION_STORE, useValue: store },
        { provide: AUTHORITY, useValue: authority },
        { provide: DOCUMENTS, useValue: documents },
      ],
    };
  }
}
