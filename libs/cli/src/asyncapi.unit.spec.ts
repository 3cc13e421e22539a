import { DiagnosticSeverity, Parser } from '@asyncapi/parser';
import { asyncApiDocument, CONTRACTS, PRODUCING_SERVICES, SHARED_CONTRACTS, inboundTopicOf, topicOf } from '@kinerja/contracts';

/** The parser marks every schema it parsed with `x-parser-schema-id`. */
function withoutParserIds(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutParserIds);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>)
      .filter(([key]) => key !== 'x-parser-schema-id')
      .map(([key, v]) => [key, withoutParserIds(v)]),
  );
}

describe('the AsyncAPI document of the public topics', () => {
  it('validates with the AsyncAPI parser and holds every topic and every message schema', async () => {
    const { document, diagnostics } = await new Parser().parse(JSON.stringify(asyncApiDocument()));
    const problems = diagnostics
      .filter((d) => d.severity === DiagnosticSeverity.Error || d.severity === DiagnosticSeverity.Warning)
      .map((d) => `${d.code} at ${d.path.join('/')}: ${d.message}`);
    expect(problems).toEqual([]);
    expect(document).toBeDefined();

    const channels = document!.channels().all().map((c) => c.address());
    // The services' own topics, and the inbound topic other systems produce on for feedback-intake.
    expect([...channels].sort()).toEqual([...PRODUCING_SERVICES.map(topicOf), inboundTopicOf('feedback-intake')].sort());

    for (const contract of CONTRACTS) {
      const channel = document!.channels().get(contract.topic);
      expect(channel).toBeDefined();
      const message = channel!.messages().all().find((m) => m.name() === contract.type);
      expect(message).toBeDefined();
      expect(message!.hasPayload()).toBe(true);
      expect(withoutParserIds(message!.payload()!.json())).toEqual(contract.schema);
      expect(
        document!.operations().all().some((o) => o.action() === 'send' && o.channels().all().some((c) => c.address() === contract.topic)),
      ).toBe(true);
    }
    // Shared contracts (AuditAnchored.v1) are sent on every service's topic.
    expect(SHARED_CONTRACTS.map((c) => c.type)).toContain('AuditAnchored.v1');
    for (const contract of SHARED_CONTRACTS) {
      for (const topic of PRODUCING_SERVICES.map(topicOf)) {
        const message = document!.channels().get(topic)!.messages().all().find((m) => m.name() === contract.type);
        expect(message).toBeDefined();
        expect(withoutParserIds(message!.payload()!.json())).toEqual(contract.schema);
      }
    }
    expect(document!.components().messages().all()).toHaveLength(CONTRACTS.length + SHARED_CONTRACTS.length);
  });
});
