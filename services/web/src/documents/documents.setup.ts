import { Pool } from 'pg';
import { loadCityKey } from '@kinerja/audit';
import { Authority } from '../auth/auth.controller';
import { callService } from '../auth/authority';
import { publicUrlOf, serviceUrls, WebConfig } from '../config';
import { PdfRenderer } from '../pdf/render';
import { Documents, serviceRead } from './documents.service';
import { PrintedDocuments } from './printed-documents';

/**
 * The official documents of the web service: the record of printed documents (its own table in
 * WEB_SCHEMA), the shared Chromium renderer for the PDFs, the city's key (AUDIT_SIGNING_KEY_FILE) for the verification
 * answers, and the documents' own identity where the web service has one (local mode: minted; OIDC mode: the
 * documents' client, OIDC_DOCUMENTS_CLIENT_ID).
 */
export async function setUpDocuments(config: WebConfig, authority: Authority, renderer: PdfRenderer): Promise<{ documents: Documents; close(): Promise<void> }> {
  const pool = new Pool({ connectionString: config.DATABASE_URL, max: 2, application_name: 'kinerja-web-documents' });
  pool.on('error', () => undefined);
  const printed = new PrintedDocuments(pool, config.WEB_SCHEMA);
  await printed.migrate();
  const urls = serviceUrls(config);
  const mints = authority.mode === 'local' || authority.mintsDocumentsToken;
  const systemRead = mints ? serviceRead(async (service, path) => callService(urls, service, path, await authority.documentsToken(), { role: 'AUDITOR' })) : null;
  const documents = new Documents({
    renderer,
    printed,
    systemRead,
    key: config.AUDIT_SIGNING_KEY_FILE ? loadCityKey(config.AUDIT_SIGNING_KEY_FILE, false) : null,
    publicUrl: publicUrlOf(config),
    place: config.DOCUMENT_PLACE,
    timeZone: config.CITY_TIME_ZONE,
  });
  return {
    documents,
    async close() {
      await pool.end();
    },
  };
}
