import { BadRequestException, ForbiddenException, NotFoundException, ServiceUnavailableException, UnauthorizedException } from '@nestjs/common';
import { conflict, forbidden, invalid, notFound } from '@kinerja/domain';
import { InvalidEventError, WrongExpectedRevisionError } from '@kinerja/event-store';
import { RequestValidationError } from '../validation/zod-validation';
import { mapError } from './error-mapping';

describe('mapError', () => {
  it.each([
    [invalid('NIP_INVALID', 'NIP tidak valid.', 'nip'), 400],
    [forbidden('NOT_ALLOWED', 'Tidak berwenang.'), 403],
    [notFound('EMPLOYEE_NOT_FOUND', 'Pegawai tidak ditemukan.'), 404],
    [conflict('EMPLOYEE_ALREADY_REGISTERED', 'Pegawai sudah terdaftar.'), 409],
  ])('maps a DomainError %# to its status, code and message', (error, status) => {
    const { status: mapped, body, unexpected } = mapError(error);
    expect(mapped).toBe(status);
    expect(body).toMatchObject({ statusCode: status, code: error.code, message: error.message });
    expect(unexpected).toBe(false);
  });

  it('names the field of an invalid DomainError', () => {
    expect(mapError(invalid('NIP_INVALID', 'NIP tidak valid.', 'nip')).body).toEqual({
      statusCode: 400,
      code: 'NIP_INVALID',
      message: 'NIP tidak valid.',
      field: 'nip',
      errors: [{ field: 'nip', code: 'NIP_INVALID', message: 'NIP tidak valid.' }],
    });
  });

  it('maps a concurrency conflict to 409 and a malformed event to 400', () => {
    expect(mapError(new WrongExpectedRevisionError('employee-1', 3, 4)).body).toMatchObject({ statusCode: 409, code: 'WRONG_EXPECTED_REVISION' });
    expect(mapError(new InvalidEventError('no type')).body).toMatchObject({ statusCode: 400, code: 'INVALID_EVENT' });
  });

  it('maps validation errors to 400 with every field', () => {
    const error = new RequestValidationError([
      { field: 'nip', code: 'REQUIRED', message: 'Wajib diisi.' },
      { field: 'foo', code: 'UNKNOWN_FIELD', message: "Kolom 'foo' tidak dikenal." },
    ]);
    const { status, body } = mapError(error);
    expect(status).toBe(400);
    expect(body.code).toBe('VALIDATION_FAILED');
    expect(body.field).toBe('nip');
    expect(body.errors?.map((e) => e.field)).toEqual(['nip', 'foo']);
  });

  it('keeps the status of Nest HTTP exceptions and their own code and message', () => {
    expect(mapError(new UnauthorizedException({ code: 'TOKEN_EXPIRED', message: 'Token sudah kedaluwarsa.' })).body).toEqual({
      statusCode: 401,
      code: 'TOKEN_EXPIRED',
      message: 'Token sudah kedaluwarsa.',
    });
    expect(mapError(new NotFoundException('Cannot GET /nothing')).body).toEqual({
      statusCode: 404,
      code: 'NOT_FOUND',
      message: 'Sumber daya tidak ditemukan.',
    });
    expect(mapError(new ForbiddenException()).status).toBe(403);
    expect(mapError(new BadRequestException('Unexpected token } in JSON')).body.code).toBe('BAD_REQUEST');
  });

  it.each([
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' })],
    ['a terminated session', Object.assign(new Error('terminating connection due to administrator command'), { code: '57P01', severity: 'FATAL' })],
    ['a server starting up', Object.assign(new Error('the database system is starting up'), { code: '57P03' })],
    ['a dropped socket', new Error('Connection terminated unexpectedly')],
    ['a dropped socket under TypeORM', Object.assign(new Error('Query failed'), { driverError: new Error('Connection terminated unexpectedly') })],
  ])('answers %s with 503 and Retry-After, not 500', (_what, error) => {
    const { status, body, unexpected, headers } = mapError(error);
    expect(status).toBe(503);
    expect(body).toEqual({ statusCode: 503, code: 'SERVICE_UNAVAILABLE', message: 'Layanan sedang tidak tersedia; coba lagi sebentar lagi.' });
    expect(unexpected).toBe(false);
    expect(headers).toEqual({ 'retry-after': '5' });
  });

  it('adds Retry-After to a 503 thrown by a service and keeps a statement error a 500', () => {
    expect(mapError(new ServiceUnavailableException()).headers).toEqual({ 'retry-after': '5' });
    const statement = mapError(Object.assign(new Error('duplicate key value violates unique constraint'), { code: '23505' }));
    expect(statement.status).toBe(500);
    expect(statement.headers).toBeUndefined();
  });

  it('hides unknown errors behind a 500 and marks them for logging', () => {
    const { status, body, unexpected } = mapError(new TypeError("Cannot read properties of undefined (reading 'password')"));
    expect(status).toBe(500);
    expect(unexpected).toBe(true);
    expect(JSON.stringify(body)).not.toContain('password');
    expect(body).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: 'Terjadi kesalahan pada server.' });
  });
});
