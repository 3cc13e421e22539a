import { API_FACT_SERVICES, committedApiFacts, readApiFacts } from './openapi-facts';

/**
 * Each service's `openapi-facts.json` (answers and error codes of its operations in `/docs`) is
 * what its code says now: `npm run -s generate:api` rewrites them after an API change.
 */
jest.setTimeout(10 * 60_000);

describe('openapi-facts.json of each service', () => {
  const facts = readApiFacts();

  it.each(API_FACT_SERVICES)('%s: matches its controllers', (service) => {
    expect(committedApiFacts(service)).toEqual(facts[service]);
  });

  it('documents an answer and the error codes the code can answer with', () => {
    const approve = facts['work-planning'].operations['POST /skps/{id}/approve'];
    expect(approve.status).toBe(200); // @HttpCode(200)
    expect(approve.schema).toMatchObject({ type: 'object', properties: { skpId: { type: 'string' } } });
    expect(approve.errors?.['409']).toEqual(expect.arrayContaining([{ code: 'SKP_NOT_SUBMITTED' }, { code: 'SKP_LINKS_UNRESOLVED' }]));
    expect(approve.errors?.['403']).toEqual(expect.arrayContaining([{ code: 'SKP_SELF_APPROVAL' }]));
    // the realisation's own rules, not every SKP command's
    const record = facts['work-planning'].operations['POST /skps/{skpId}/realisations'];
    expect(record.errors?.['400']).toEqual(expect.arrayContaining([{ code: 'PERIOD_UNKNOWN', field: 'periodId' }]));
    expect(record.errors?.['400']).not.toEqual(expect.arrayContaining([{ code: 'RHK_JENIS_INVALID', field: 'jenis' }]));
  });
});
