import { CE_HEADERS, CE_SPECVERSION, JSON_CONTENT_TYPE } from './envelope';
import { CONTRACTS, SHARED_CONTRACTS } from './registry';

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

const KEY_KINDS: Record<string, string> = { nip: "the employee's NIP", aggregate: 'the aggregate id', service: "the publishing service's name" };

/** The public topics as an AsyncAPI 3.0 document, built from the registry, for subscribers. */
export function asyncApiDocument(): Record<string, unknown> {
  const channels: Record<string, unknown> = {};
  const operations: Record<string, unknown> = {};
  const messages: Record<string, unknown> = {};
  const add = (contract: { type: string; description: string; schema: unknown; keyField: string; keyKind: string }, topics: readonly string[]) => {
    messages[contract.type] = {
      name: contract.type,
      title: contract.type,
      summary: contract.description,
      contentType: JSON_CONTENT_TYPE,
      headers: headersSchema,
      payload: contract.schema,
      bindings: { kafka: { key: { type: 'string', description: `${contract.keyField} (${KEY_KINDS[contract.keyKind] ?? contract.keyKind})` } } },
    };
    for (const topic of topics) {
      const channel = (channels[topic] ??= { address: topic, messages: {} }) as { messages: Record<string, unknown> };
      channel.messages[contract.type] = { $ref: `#/components/messages/${contract.type}` };
      operations[`publish.${topic}`] ??= { action: 'send', channel: { $ref: `#/channels/${topic}` }, messages: [] };
      (operations[`publish.${topic}`] as { messages: unknown[] }).messages.push({ $ref: `#/channels/${topic}/messages/${contract.type}` });
    }
  };
  for (const contract of CONTRACTS) add(contract, [contract.topic]);
  // Published by every service on its own topic.
  for (const contract of SHARED_CONTRACTS) add({ ...contract, keyKind: 'service' }, contract.topics);
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
