import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Counter, Gauge, Registry } from 'prom-client';
import type { BatchOutcome } from './subscriber';

/** What the subscriber reports about itself. */
export interface SubscriberStatus {
  consuming: boolean;
  lastBatchAt: string | null;
}

/** Prometheus metrics of the subscriber: messages by outcome and the time of the last batch. */
export class SubscriberMetrics {
  readonly registry = new Registry();
  private readonly messages = new Counter({ name: 'analytics_messages_total', help: 'Messages read, by outcome', labelNames: ['outcome'], registers: [this.registry] });
  private readonly lastBatch = new Gauge({ name: 'analytics_last_batch_timestamp_seconds', help: 'When the last batch was applied and committed', registers: [this.registry] });

  batchApplied(outcome: BatchOutcome, at: Date = new Date()): void {
    for (const key of ['applied', 'duplicates', 'ignored', 'rejected'] as const) this.messages.inc({ outcome: key }, outcome[key]);
    this.lastBatch.set(at.getTime() / 1000);
  }
}

const OPENAPI = {
  openapi: '3.0.3',
  info: { title: 'Kinerja analytics subscriber', version: '0.1.0', description: 'Operations endpoints; the statistics themselves are SQL views in the subscriber\'s schema.' },
  paths: {
    '/health': { get: { summary: 'Consuming (200) or not yet / no longer (503)', responses: { '200': { description: 'consuming' }, '503': { description: 'not consuming' } } } },
    '/metrics': { get: { summary: 'Prometheus metrics', responses: { '200': { description: 'text exposition format' } } } },
    '/docs': { get: { summary: 'This document', responses: { '200': { description: 'OpenAPI 3' } } } },
  },
};

/** `/health`, `/metrics` and `/docs` (this OpenAPI document) on `port`. */
export async function startOpsServer(port: number, status: () => SubscriberStatus, metrics: SubscriberMetrics): Promise<{ server: Server; port: number; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const json = (code: number, body: unknown) => {
      res.writeHead(code, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    if (req.method !== 'GET') return json(405, { code: 'METHOD_NOT_ALLOWED' });
    if (path === '/health') {
      const s = status();
      return json(s.consuming ? 200 : 503, { status: s.consuming ? 'ok' : 'unavailable', ...s });
    }
    if (path === '/docs' || path === '/docs-json') return json(200, OPENAPI);
    if (path === '/metrics') {
      void metrics.registry.metrics().then((text) => {
        res.writeHead(200, { 'content-type': metrics.registry.contentType });
        res.end(text);
      });
      return;
    }
    return json(404, { code: 'NOT_FOUND' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '0.0.0.0', () => resolve());
  });
  return {
    server,
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
