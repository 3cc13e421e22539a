import { CE_HEADERS, CE_SPECVERSION, JSON_CONTENT_TYPE } from './envelope';
import { CONTRACTS } from './registry';

const headersSchema = {
  type: 'object',
  required: [CE_HEADERS.id, CE_HEADERS.type, CE_HEADERS.source, CE_HEADERS.specversion],
  properties: {
    [CE_HEADERS.id]: { type: 'string', description: 'Event id; the same on a redelivery: dedupe on it.' },
    [CE_HEADERS.type]: { type: 'string', description: 'Versioned public event type, e.g. EmployeeRegistered.v1' },
    [CE_HEADERS.source]: { type: 'string', description: '/kinerja/<service>' },
    [CE_HEADERS.time]: { type: 'string', format: 'date-time' },
    [CE_HEADERS.specversion]: { const: CE_SPECVERSION },
    [CE_HEADERS.subject]: { type: 'string', description: 'The message key: NIP or aggregate id' },
    [CE_HEADERS.correlationId]: { type: 'string' },
    [CE_HEADERS.contentType]: { const: JSON_CONTENT_TYPE },
    [CE_HEADERS.traceparent]: { type: 'string', description: 'W3C Trace Context' },
  },
};

/** The public topics as an AsyncAPI 3.0 document, built from the registry, for subscribers. */
export function asyncApiDocument(): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  for (const contract of CONTRACTS) {
    messages[contract.type] = {
      name: contract.type,
      title: contract.type,
      summary: contract.description,
      contentType: JSON_CONTENT_TYPE,
      headers: headersSchema,
      payload: contract.schema,
      bindings: { kafka: { key: { type: 'string', description: `${contract.keyField} (${contract.keyKind === 'nip' ? "the employee's NIP" : 'the aggregate id'})` } } },
    };
    const channel = (channels[contract.topic] ??= { address: contract.topic, messages: {} }) as { messages: Record<string, unknown> };
    channel.messages[contract.type] = { $ref: `#/components/messages/${contract.type}` };
    operations[`publish.${contract.topic}`] ??= { action: 'send', channel: { $ref: `#/channels/${contract.topic}` }, messages: [] };
    (operations[`publish.${contract.topic}`] as { messages: unknown[] }).messages.push({ $ref: `#/channels/${contract.topic}/messages/${contract.type}` });
  }
  return {
    asyncapi: '3.0.0',
    info: {
      title: 'Kinerja public events',
      version: '1',
      description: 'CloudEvents 1.0 in Kafka binary mode. Add-only evolution within a version; see libs/contracts/README.md.',
    },
    defaultContentType: JSON_CONTENT_TYPE,
    channels,
    operations,
    components: { messages },
  };
}
