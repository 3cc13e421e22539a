import { Body, Controller, HttpCode, Inject, Post, Res, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ServerResponse } from 'node:http';
import { z } from 'zod';
import { notFound } from '@kinerja/domain';
import { handle } from '@kinerja/event-store';
import { Commands, Public, RouteWithBody, ZodValidationPipe } from '@kinerja/platform';
import { CitizenGate, CitizenGuard } from '../citizen/citizen-gate';
import { CITIZEN, citizenMetadata } from '../citizen/citizen-actor';
import { hashCitizenCode } from '../citizen/codes';
import { citizenFeedbackDecider, EraseCitizenFeedbackContact } from '../citizen-feedback/citizen-feedback.decider';
import { citizenFeedbackStreamId } from '../citizen-feedback/citizen-feedback.events';
import { complaintDecider, EraseComplaintContact } from '../complaints/complaint.decider';
import { complaintStreamId } from '../complaints/complaint.events';
import { GetComplaintStatusQuery } from '../complaints/get-complaint-status/get-complaint-status.query';
import { FeedbackIntakeConfig } from '../config';
import { FEEDBACK_INTAKE_CONFIG } from '../tokens';
import { ContactStore } from './contact-store';

const eraseBody = z.object({ code: z.string().min(4).max(40).describe('The tracking code of a complaint, or the erasure code of a feedback') }).strict();

/**
 * "Hapus data saya": the complainant's or respondent's contact details are crypto-shredded. The
 * event records that it happened; the key row is deleted after the event is stored (a refused
 * request destroys nothing), and again at every boot for erasures a crash interrupted.
 */
@ApiTags('citizens: privacy')
@Public()
@UseGuards(CitizenGuard)
@Controller('public/erase-my-data')
export class ErasureController {
  constructor(
    private readonly commands: Commands,
    private readonly gate: CitizenGate,
    private readonly contacts: ContactStore,
    private readonly status: GetComplaintStatusQuery,
    @Inject(FEEDBACK_INTAKE_CONFIG) private readonly config: FeedbackIntakeConfig,
  ) {}

  @HttpCode(200)
  @RouteWithBody(Post(), 'Erase my contact details (crypto-shredding), with the tracking code or the erasure code.', eraseBody)
  async erase(@Body(new ZodValidationPipe(eraseBody)) body: z.infer<typeof eraseBody>, @Res({ passthrough: true }) res: ServerResponse): Promise<{ erased: true; message: string }> {
    const hash = hashCitizenCode(body.code);
    this.gate.admitTarget(`code:${hash}`, res);
    const now = this.commands.now();
    const complaintId = await this.status.complaintIdOf(hash);
    if (complaintId) {
      const command: EraseComplaintContact = {
        type: 'EraseComplaintContact',
        data: { complaintId, requestedBy: { kind: 'COMPLAINANT', trackingCodeHash: hash } },
        metadata: { now, actor: CITIZEN },
      };
      const { state } = await handle(this.commands.store, complaintStreamId(complaintId), complaintDecider, command, citizenMetadata(now));
      if (state.status !== 'EMPTY' && state.contactRef) await this.contacts.shred(state.contactRef);
      return { erased: true, message: `Data kontak Anda telah dihapus. Salinan terenkripsi yang mungkin masih tersisa di media penyimpanan tidak dapat dibaca lagi paling lambat ${this.config.PRIVACY_KEK_ROTATION_HOURS} jam lagi. Pengaduan tetap ditangani.` };
    }
    const subject = await this.contacts.subjectOfCode(hash);
    if (!subject || subject.kind !== 'CITIZEN_FEEDBACK') throw notFound('CODE_NOT_FOUND', 'Kode tidak ditemukan. Periksa kembali kode Anda.');
    const command: EraseCitizenFeedbackContact = { type: 'EraseCitizenFeedbackContact', data: { feedbackId: subject.id }, metadata: { now, actor: CITIZEN } };
    await handle(this.commands.store, citizenFeedbackStreamId(subject.id), citizenFeedbackDecider, command, citizenMetadata(now));
    await this.contacts.shred(subject.ref);
    return { erased: true, message: `Data kontak Anda telah dihapus. Salinan terenkripsi yang mungkin masih tersisa di media penyimpanan tidak dapat dibaca lagi paling lambat ${this.config.PRIVACY_KEK_ROTATION_HOURS} jam lagi.` };
  }
}
