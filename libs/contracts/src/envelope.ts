/**
 * CloudEvents 1.0 in Kafka binary mode: the attributes travel as `ce_*` headers, the data as the
 * message value (JSON). `correlationid` is a CloudEvents extension attribute; `traceparent` is the
 * W3C Trace Context header as is.
 */
export const CE_HEADERS = {
  id: 'ce_id',
  type: 'ce_type',
  source: 'ce_source',
  time: 'ce_time',
  specversion: 'ce_specversion',
  subject: 'ce_subject',
  correlationId: 'ce_correlationid',
  contentType: 'content-type',
  traceparent: 'traceparent',
} as const;

export const CE_SPECVERSION = '1.0';
export const JSON_CONTENT_TYPE = 'application/json';

export interface CloudEventEnvelope {
  id: string;
  type: string;
  source: string;
  /** RFC 3339. */
  time: string;
  subject: string;
  correlationId: string;
  traceparent: string;
}

export type MessageHeaders = Record<string, string>;

export function toCloudEventHeaders(envelope: CloudEventEnvelope): MessageHeaders {
  return {
    [CE_HEADERS.id]: envelope.id,
    [CE_HEADERS.type]: envelope.type,
    [CE_HEADERS.source]: envelope.source,
    [CE_HEADERS.time]: envelope.time,
    [CE_HEADERS.specversion]: CE_SPECVERSION,
    [CE_HEADERS.subject]: envelope.subject,
    [CE_HEADERS.correlationId]: envelope.correlationId,
    [CE_HEADERS.contentType]: JSON_CONTENT_TYPE,
    [CE_HEADERS.traceparent]: envelope.traceparent,
  };
}

export type EnvelopeResult = { ok: true; envelope: CloudEventEnvelope } | { ok: false; error: string };

const TRACEPARENT = /^[0-9a-f]{2}-[0-9a-f]{32}-[0-9a-f]{16}-[0-9a-f]{2}$/;

/** Reads and checks the envelope. `correlationid` and `traceparent` are optional for outside producers. */
export function fromCloudEventHeaders(headers: MessageHeaders): EnvelopeResult {
  for (const name of [CE_HEADERS.id, CE_HEADERS.type, CE_HEADERS.source, CE_HEADERS.specversion]) {
    if (!headers[name]) return { ok: false, error: `missing header ${name}` };
  }
  if (headers[CE_HEADERS.specversion] !== CE_SPECVERSION) {
    return { ok: false, error: `unsupported ${CE_HEADERS.specversion} ${headers[CE_HEADERS.specversion]}` };
  }
  const contentType = headers[CE_HEADERS.contentType];
  if (contentType !== undefined && !contentType.startsWith(JSON_CONTENT_TYPE)) {
    return { ok: false, error: `unsupported content-type ${contentType}` };
  }
  const time = headers[CE_HEADERS.time] ?? '';
  if (time && Number.isNaN(Date.parse(time))) return { ok: false, error: `invalid ${CE_HEADERS.time} ${time}` };
  const traceparent = headers[CE_HEADERS.traceparent] ?? '';
  if (traceparent && !TRACEPARENT.test(traceparent)) return { ok: false, error: `invalid traceparent ${traceparent}` };
  return {
    ok: true,
    envelope: {
      id: headers[CE_HEADERS.id],
      type: headers[CE_HEADERS.type],
      source: headers[CE_HEADERS.source],
      time,
      subject: headers[CE_HEADERS.subject] ?? '',
      correlationId: headers[CE_HEADERS.correlationId] ?? '',
      traceparent,
    },
  };
}
