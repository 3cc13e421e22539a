/**
 * A kafkajs client (producer, admin) connected on first use: a failed connect is forgotten, so the
 * next use connects a new one; `close` disconnects it (errors ignored) and the next use starts over.
 */
export class LazyConnection<Client extends { connect(): Promise<void>; disconnect(): Promise<void> }> {
  private current: Promise<Client> | null = null;

  constructor(private readonly create: () => Client) {}

  connected(): Promise<Client> {
    if (!this.current) {
      const created = this.create();
      const client = created.connect().then(() => created);
      client.catch(() => (this.current = null));
      this.current = client;
    }
    return this.current;
  }

  async close(): Promise<void> {
    const current = this.current;
    this.current = null;
    if (current) await current.then((c) => c.disconnect()).catch(() => undefined);
  }
}
