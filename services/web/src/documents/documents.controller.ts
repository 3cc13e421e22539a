import { Controller, Get, HttpException, Inject, Param, Query, Req, Res, UnauthorizedException } from '@nestjs/common';
import { ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { invalid } from '@kinerja/domain';
import { Public } from '@kinerja/platform';
import { Authority } from '../auth/auth.controller';
import { callService } from '../auth/authority';
import { serviceUrls, WebConfig } from '../config';
import { WebRequest } from '../session/session.middleware';
import { SessionStore } from '../session/session.store';
import { AUTHORITY, DOCUMENTS, SESSION_STORE, WEB_CONFIG } from '../tokens';
import { latestSkpVersion, ServiceRead, SourceError } from './compose';
import { DocumentParams } from './document-models';
import { Documents, serviceRead } from './documents.service';

const enc = encodeURIComponent;
const ID = /^[A-Za-z0-9:_.-]{1,200}$/;

function idParam(value: string, field: string): string {
  if (!ID.test(value)) throw invalid('DOCUMENT_ID_INVALID', 'Kode dokumen tidak valid.', field);
  return value;
}

/**
 * Official documents as PDF (PermenPANRB 6/2022's forms, A4), for the signed-in person: whoever may
 * read the SKP, evaluation or unit curve in the service that owns it may print it. Each print is
 * recorded under a short code that the public verification page answers for.
 */
@ApiTags('documents')
@Public()
@Controller('dokumen')
export class DocumentsController {
  private readonly urls;

  constructor(
    @Inject(WEB_CONFIG) config: WebConfig,
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    @Inject(AUTHORITY) private readonly authority: Authority,
    @Inject(DOCUMENTS) private readonly documents: Documents,
  ) {
    this.urls = serviceUrls(config);
  }

  @Get('skp/:skpId')
  @ApiOperation({ summary: 'The SKP as PDF with its lampiran: its latest approved version, else the working copy marked KONSEP (or ?version=n).' })
  @ApiQuery({ name: 'version', required: false })
  @ApiProduces('application/pdf')
  async skp(@Param('skpId') rawSkpId: string, @Query('version') rawVersion: string | undefined, @Req() req: WebRequest, @Res() res: ServerResponse): Promise<void> {
    const skpId = idParam(rawSkpId, 'skpId');
    const version = rawVersion === undefined ? undefined : Number(rawVersion);
    if (version !== undefined && !(Number.isInteger(version) && version >= 1)) throw invalid('SKP_VERSION_INVALID', 'Versi harus bilangan bulat positif.', 'version');
    const { read, nip } = await this.person(req);
    await read('work-planning', `/skps/${enc(skpId)}${version === undefined ? '' : `?version=${version}`}`);
    const params: DocumentParams = { kind: 'SKP', skpId, version: version ?? (await latestSkpVersion(read, skpId)) };
    await this.send(res, params, nip, read, (m) => `SKP-${m}`);
  }

  @Get('evaluasi/:evaluationId')
  @ApiOperation({ summary: 'The Dokumen Evaluasi Kinerja Pegawai (periodic or annual) as PDF.' })
  @ApiProduces('application/pdf')
  async evaluation(@Param('evaluationId') rawId: string, @Req() req: WebRequest, @Res() res: ServerResponse): Promise<void> {
    const evaluationId = idParam(rawId, 'evaluationId');
    const { read, nip } = await this.person(req);
    await read('evaluation', `/evaluations/${enc(evaluationId)}`);
    await this.send(res, { kind: 'EVALUASI', evaluationId }, nip, read, (m) => `Evaluasi-Kinerja-${m}`);
  }

  @Get('kurva/:periodId/:unitId')
  @ApiOperation({ summary: "A unit's kurva distribution report as PDF (whoever may see the unit's curve)." })
  @ApiProduces('application/pdf')
  async curve(@Param('periodId') rawPeriodId: string, @Param('unitId') rawUnitId: string, @Req() req: WebRequest, @Res() res: ServerResponse): Promise<void> {
    const periodId = idParam(rawPeriodId, 'periodId');
    const unitId = idParam(rawUnitId, 'unitId');
    const { read, nip } = await this.person(req);
    await read('evaluation', `/periods/${enc(periodId)}/units/${enc(unitId)}/curve`);
    await this.send(res, { kind: 'KURVA', periodId, unitId }, nip, read, (m) => `Kurva-${m}`);
  }

  private async send(res: ServerResponse, params: DocumentParams, nip: string, read: ServiceRead, name: (code: string) => string): Promise<void> {
    const { pdf, code } = await this.rethrow(() => this.documents.print(params, nip, read));
    res.statusCode = 200;
    res.setHeader('content-type', 'application/pdf');
    res.setHeader('content-disposition', `attachment; filename="${name(code)}.pdf"`);
    res.setHeader('cache-control', 'no-store');
    res.setHeader('x-kinerja-document-code', code);
    res.end(pdf);
  }

  /** The signed-in person's reads (their token, their active role): what they may not read, they may not print. */
  private async person(req: WebRequest): Promise<{ read: ServiceRead; nip: string }> {
    const session = req.kinerjaSession;
    const unauthorized = () => new UnauthorizedException({ code: 'SESSION_REQUIRED', message: 'Sesi Anda telah berakhir; silakan masuk kembali.' });
    if (!session?.data.user || !session.data.active) throw unauthorized();
    const before = session.data.tokens?.access;
    const token = await this.authority.accessToken(session.data).catch(() => undefined);
    if (!token) throw unauthorized();
    if (token !== before) await this.store.save(session);
    const grant = session.data.active;
    const read = serviceRead((service, path) => callService(this.urls, service, path, token, grant));
    return { read: (service, path) => this.rethrow(() => read(service, path)), nip: session.data.user.nip };
  }

  /** A service's refusal (403, 404, ...) reaches the console as the service gave it. */
  private async rethrow<T>(run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof SourceError) {
        const status = error.status >= 400 && error.status < 500 ? error.status : 502;
        const body = status === 502 ? { statusCode: 502, code: 'SERVICE_UNAVAILABLE', message: 'Layanan sedang tidak dapat dihubungi; coba lagi sebentar lagi.' } : error.body;
        throw new HttpException(body as Record<string, unknown>, status);
      }
      throw error;
    }
  }
}
