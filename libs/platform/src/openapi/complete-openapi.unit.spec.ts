import { completeOpenApi, exampleOf } from './complete-openapi';

describe('completeOpenApi', () => {
  const document = () => ({
    paths: {
      '/skps/{id}/approve': { post: { operationId: 'approve', parameters: [{ in: 'path', name: 'id' }], responses: {} } },
      '/public/units': { get: { operationId: 'units', 'x-kinerja-public': true, responses: {} } },
    },
  });

  it('adds the answer with its example and every error status with its codes and the shared body', () => {
    const doc = completeOpenApi(document(), {
      operations: {
        'POST /skps/{id}/approve': {
          status: 201,
          schema: { type: 'object', properties: { skpId: { type: 'string' }, status: { type: 'string', enum: ['APPROVED'] } } },
          errors: { '404': [{ code: 'SKP_NOT_FOUND' }], '409': [{ code: 'SKP_NOT_SUBMITTED' }] },
        },
      },
    });
    const responses = doc.paths['/skps/{id}/approve'].post.responses as Record<string, any>;
    expect(Object.keys(responses).sort()).toEqual(['201', '400', '401', '403', '404', '409', '413', '503']);
    expect(responses['201'].content['application/json'].example).toEqual({ skpId: '199003152015031002-2026-01-01', status: 'APPROVED' });
    expect(responses['201'].description).toContain('Berhasil dibuat');
    expect(responses['409'].content['application/json'].schema.allOf[1].properties.code.enum).toEqual(['WRONG_EXPECTED_REVISION', 'SKP_NOT_SUBMITTED']);
    expect(responses['409'].content['application/json'].example).toMatchObject({ statusCode: 409, code: 'SKP_NOT_SUBMITTED' });
    expect(responses['403'].description).toContain('`READ_ONLY_ROLE`');
    expect(responses['400'].description).toContain('`INVALID_REQUEST_TARGET`');
  });

  it("keeps the answer's schema under the default response Nest writes for every operation", () => {
    const withNestDefault = document();
    withNestDefault.paths['/skps/{id}/approve'].post.responses = { '201': { description: '' } } as never;
    const doc = completeOpenApi(withNestDefault, {
      operations: { 'POST /skps/{id}/approve': { status: 201, schema: { type: 'object', properties: { skpId: { type: 'string' } } } } },
    });
    const answer = (doc.paths['/skps/{id}/approve'].post.responses as Record<string, any>)['201'];
    expect(answer.content['application/json'].schema).toEqual({ type: 'object', properties: { skpId: { type: 'string' } } });
    expect(answer.description).toContain('Berhasil dibuat');
  });

  it('marks public operations as needing no token and lists no token errors for them', () => {
    const doc = completeOpenApi(document(), undefined);
    const units = doc.paths['/public/units'].get as Record<string, any>;
    expect(units.security).toEqual([]);
    expect(units['x-kinerja-public']).toBeUndefined();
    expect(units.responses['401']).toBeUndefined();
    expect(units.responses['403']).toBeUndefined();
  });

  it('examples follow property names', () => {
    expect(exampleOf({ type: 'object', properties: { nip: { type: 'string' }, periodId: { type: 'string' }, dueOn: { type: 'string' }, n: { type: 'integer' } } }, '')).toEqual({
      nip: '199003152015031002',
      periodId: '2026-S1',
      dueOn: '2026-06-30',
      n: 1,
    });
  });
});
