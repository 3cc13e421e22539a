import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';
import { CityKey, signDocument } from '@kinerja/audit';
import { ApiService } from '../config';
import { PdfRenderer, qrDataUrl } from '../pdf/render';
import { compose, contentHash, ServiceRead, SourceError, subjectStreams } from './compose';
import { DocumentModel, DocumentParams, SubjectStream } from './document-models';
import { newShortCode, PrintedDocument, PrintedDocuments } from './printed-documents';
import { DOCUMENT_TITLES, documentHtml, isLandscape, tanggal } from './templates';

export interface DocumentsOptions {
  renderer: PdfRenderer;
  printed: PrintedDocuments;
  /** The documents' own identity (AUDITOR), or null where the web service cannot mint one (OIDC mode). */
  systemRead: ServiceRead | null;
  key: CityKey | null;
  publicUrl: string;
  place: string;
  timeZone: string;
}

/** The verification page's answer, signed with the city's key. */
export interface VerificationAnswer {
  kind: 'kinerja.document-verification';
  version: 1;
  code: string;
  document: { kind: string; title: string; nama: string | null; nip: string; about: string };
  printedAt: string;
  checkedAt: string;
  /** The event streams the document came from and where they stood when printed. */
  streams: SubjectStream[];
  /** COCOK: what was printed is what Kinerja holds now; TIDAK_COCOK: a fact behind it changed, or the file is not the one printed. */
  result: 'COCOK' | 'TIDAK_COCOK' | 'TIDAK_DAPAT_DIPERIKSA';
  recordedContentHash: string;
  currentContentHash: string | null;
  /** The sections whose content differs now from the printed one. */
  changed: string[];
  file: { sha256: string; matches: boolean } | null;
  publicKey: string | null;
  signature: string | null;
}

const SECTION_LABELS: Record<string, string> = {
  status: 'Status dokumen',
  latestApprovedVersion: 'Versi SKP yang disetujui',
  version: 'Versi SKP',
  approvedAt: 'Tanggal persetujuan',
  periode: 'Periode',
  approach: 'Pendekatan',
  pegawai: 'Pegawai yang dinilai',
  pejabatPenilai: 'Pejabat penilai kinerja',
  atasanPejabatPenilai: 'Atasan pejabat penilai kinerja',
  hasilKerja: 'Hasil kerja',
  perilakuKerja: 'Perilaku kerja',
  lampiran: 'Lampiran',
  capaianKinerjaOrganisasi: 'Capaian kinerja organisasi',
  polaDistribusi: 'Pola distribusi',
  ratingHasil: 'Rating hasil kerja',
  ratingPerilaku: 'Rating perilaku kerja',
  predikat: 'Predikat kinerja pegawai',
  catatan: 'Catatan/rekomendasi',
  keberatan: 'Keberatan',
  finalizedAt: 'Penetapan akhir',
  organisationPredicate: 'Predikat organisasi',
  distribution: 'Distribusi predikat',
  employees: 'Pegawai',
  check: 'Pemeriksaan kurva',
  finalized: 'Status unit',
};

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

function subjectOf(model: DocumentModel): VerificationAnswer['document'] {
  const title = DOCUMENT_TITLES[model.kind];
  switch (model.kind) {
    case 'SKP':
      return { kind: model.kind, title, nama: model.pegawai.nama, nip: model.pegawai.nip, about: `${tanggal(model.periode.start, 'UTC')} s.d. ${tanggal(model.periode.end, 'UTC')}${model.version === null ? ' (konsep)' : `, versi ${model.version}`}` };
    case 'EVALUASI':
      return { kind: model.kind, title, nama: model.pegawai.nama, nip: model.pegawai.nip, about: model.periodLabel };
    case 'KURVA':
      return { kind: model.kind, title, nama: model.unitName, nip: '', about: model.periodLabel };
  }
}

/** Printing official documents (composed, recorded, rendered) and verifying printed ones. */
export class Documents {
  constructor(private readonly options: DocumentsOptions) {}

  get verifiable(): boolean {
    return this.options.systemRead !== null;
  }

  verifyUrl(code: string): string {
    return `${this.options.publicUrl}/verifikasi/${code}`;
  }

  /**
   * The document as it stands now, recorded under a new short code, as a PDF carrying the code and
   * its QR. `read` composes it when the documents have no identity of their own.
   */
  async print(params: DocumentParams, printedBy: string, personRead: ServiceRead): Promise<{ pdf: Buffer; code: string; model: DocumentModel }> {
    const model = await compose(this.options.systemRead ?? personRead, params);
    const code = newShortCode();
    const printedAt = new Date();
    await this.options.printed.record({ code, kind: model.kind, params, streams: subjectStreams(model), content: model, contentHash: contentHash(model), printedAt, printedBy });
    const verifyUrl = this.verifyUrl(code);
    const html = documentHtml(model, { code, verifyUrl, qr: await qrDataUrl(verifyUrl), place: this.options.place, printedAt, timeZone: this.options.timeZone });
    const pdf = await this.options.renderer.render(html, { landscape: isLandscape(model), margin: { top: '15mm', right: '15mm', bottom: '15mm', left: '15mm' } });
    await this.options.printed.setPdfHash(code, sha256(pdf));
    return { pdf, code, model };
  }

  find(code: string): Promise<PrintedDocument | null> {
    return this.options.printed.find(code);
  }

  /**
   * Composes the document again from the services as they stand now and compares it with what was
   * printed: COCOK only when the content hash is the recorded one (and the record itself still hashes
   * to it), and an uploaded file, if any, is the PDF handed out.
   */
  async verify(printed: PrintedDocument, file?: Buffer): Promise<VerificationAnswer> {
    let current: DocumentModel | null = null;
    if (this.options.systemRead) {
      try {
        current = await compose(this.options.systemRead, printed.params);
      } catch (error) {
        if (!(error instanceof SourceError) || error.status >= 500) throw error;
      }
    }
    const currentHash = current ? contentHash(current) : null;
    const recordIntact = contentHash(printed.content) === printed.contentHash;
    const changed = current === null ? [] : changedSections(printed.content, current);
    const fileCheck = file ? { sha256: sha256(file), matches: printed.pdfSha256 !== null && sha256(file) === printed.pdfSha256 } : null;
    const result: VerificationAnswer['result'] =
      (fileCheck && !fileCheck.matches) || !recordIntact || (currentHash !== null && currentHash !== printed.contentHash)
        ? 'TIDAK_COCOK'
        : currentHash === null
          ? 'TIDAK_DAPAT_DIPERIKSA'
          : 'COCOK';
    const answer = {
      kind: 'kinerja.document-verification' as const,
      version: 1 as const,
      code: printed.code,
      document: subjectOf(printed.content),
      printedAt: printed.printedAt.toISOString(),
      checkedAt: new Date().toISOString(),
      streams: printed.streams,
      result,
      recordedContentHash: printed.contentHash,
      currentContentHash: currentHash,
      changed: recordIntact || changed.length > 0 ? changed : ['Catatan cetak'],
      file: fileCheck,
      publicKey: this.options.key?.publicKeyPem ?? null,
    };
    return this.options.key ? signDocument(answer, this.options.key) : { ...answer, signature: null };
  }
}

/** Canonical JSON on both sides: the printed content comes back from jsonb, whose key order is its own. */
function changedSections(printed: DocumentModel, current: DocumentModel): string[] {
  const keys = new Set([...Object.keys(printed), ...Object.keys(current)]);
  const out: string[] = [];
  for (const key of keys) {
    const a = (printed as unknown as Record<string, unknown>)[key];
    const b = (current as unknown as Record<string, unknown>)[key];
    if (canonicalize(a ?? null) !== canonicalize(b ?? null)) out.push(SECTION_LABELS[key] ?? key);
  }
  return out;
}

/** A ServiceRead over callService's shape: 200 or SourceError. */
export function serviceRead(call: (service: ApiService, path: string) => Promise<{ status: number; body: unknown }>): ServiceRead {
  return async <T>(service: ApiService, path: string): Promise<T> => {
    const { status, body } = await call(service, path);
    if (status !== 200) throw new SourceError(status, body, path);
    return body as T;
  };
}
