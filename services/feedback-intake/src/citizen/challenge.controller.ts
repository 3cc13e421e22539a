import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@kinerja/platform';
import { CitizenGate, CitizenGuard } from './citizen-gate';
import { PowChallenge } from './proof-of-work.rules';

@ApiTags('citizens: anti-spam')
@Public()
@UseGuards(CitizenGuard)
@Controller('public/challenge')
export class ChallengeController {
  constructor(private readonly gate: CitizenGate) {}

  @Get()
  @ApiOperation({
    summary:
      'An ALTCHA-style proof-of-work challenge: find number ≤ maxnumber with SHA-256(salt + number) = challenge, then send base64(JSON {algorithm, challenge, number, salt, signature}) as the x-altcha header of the submission.',
  })
  challenge(): PowChallenge {
    return this.gate.challenge();
  }
}
