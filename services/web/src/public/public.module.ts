import { DynamicModule, Module } from '@nestjs/common';
import { publicUrlOf, WebConfig } from '../config';
import { PdfRenderer } from '../pdf/render';
import { SessionStore } from '../session/session.store';
import { SESSION_STORE, WEB_CONFIG } from '../tokens';
import { FormProtection } from './form-protection';
import { OfficerLinks } from './officer-link';
import { PostersController } from './posters.controller';
import { PublicApi } from './public-api';
import { PublicPagesController } from './public-pages.controller';
import { FORM_PROTECTION, OFFICER_LINKS, PDF_RENDERER, PUBLIC_API } from './public.tokens';

/** The citizens' pages under /layanan and the QR posters. The secret and the renderer are made in web-app.ts. */
@Module({})
export class PublicModule {
  static forRoot(config: WebConfig, secret: Buffer, renderer: PdfRenderer, sessions: SessionStore): DynamicModule {
    return {
      module: PublicModule,
      controllers: [PublicPagesController, PostersController],
      providers: [
        { provide: WEB_CONFIG, useValue: config },
        { provide: SESSION_STORE, useValue: sessions },
        { provide: PUBLIC_API, useValue: new PublicApi(config.FEEDBACK_INTAKE_URL) },
        { provide: FORM_PROTECTION, useValue: new FormProtection(secret, new URL(publicUrlOf(config)).origin) },
        { provide: OFFICER_LINKS, useValue: new OfficerLinks(secret) },
        { provide: PDF_RENDERER, useValue: renderer },
      ],
    };
  }
}
