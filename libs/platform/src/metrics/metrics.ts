import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * One registry per service instance (never prom-client's global one, so that several apps in one
 * test process do not clash). Other libs add their metrics here: the event store's append latency,
 * the projection and consumer lag.
 */
export class Metrics {
  readonly registry: Registry;
  readonly httpRequestDuration: Histogram<'method' | 'route' | 'status'>;

  constructor(options: { service: string; defaultMetrics?: boolean }) {
    this.registry = new Registry();
    this.registry.setDefaultLabels({ service: options.service });
    if (options.defaultMetrics !== false) collectDefaultMetrics({ register: this.registry });
    this.httpRequestDuration = this.histogram({
      name: 'http_request_duration_seconds',
      help: 'HTTP request latency by method, route and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    });
  }

  /** Gets the histogram of that name, creating it on first use. */
  histogram<L extends string>(config: { name: string; help: string; labelNames?: readonly L[]; buckets?: number[] }): Histogram<L> {
    return (this.registry.getSingleMetric(config.name) as Histogram<L> | undefined) ??
      new Histogram<L>({ ...config, registers: [this.registry] });
  }

  gauge<L extends string>(config: { name: string; help: string; labelNames?: readonly L[]; collect?: () => void | Promise<void> }): Gauge<L> {
    return (this.registry.getSingleMetric(config.name) as Gauge<L> | undefined) ?? new Gauge<L>({ ...config, registers: [this.registry] });
  }

  counter<L extends string>(config: { name: string; help: string; labelNames?: readonly L[] }): Counter<L> {
    return (this.registry.getSingleMetric(config.name) as Counter<L> | undefined) ?? new Counter<L>({ ...config, registers: [this.registry] });
  }

  observeRequest(info: { method: string; route: string; status: number; seconds: number }): void {
    this.httpRequestDuration.observe({ method: info.method, route: info.route, status: String(info.status) }, info.seconds);
  }
}
