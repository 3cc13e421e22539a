/**
 * The Transport port (docs/design.md §6): a Kafka-shaped log. Topics have partitions; a message's key
 * picks its partition (the same key always the same partition, so order per key holds); a consumer
 * group reads each partition in order and commits how far it got.
 */

export type Headers = Record<string, string>;

export interface OutgoingMessage {
  key: string | null;
  value: Buffer | string;
  headers: Headers;
}

export interface ConsumedMessage {
  topic: string;
  partition: number;
  /** Decimal string (Kafka offsets are 64-bit). */
  offset: string;
  key: string | null;
  value: Buffer;
  headers: Headers;
  timestamp: Date;
}

/** The handler's open transaction: a pg client, or a TypeORM QueryRunner or EntityManager. */
export interface SqlExecutor {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

export interface MessageBatch {
  topic: string;
  partition: number;
  /** In offset order. Never empty. */
  messages: ConsumedMessage[];
  /** Offset the next produced message will get: lag after this batch = highWatermark - (last offset + 1). */
  highWatermark: string;
  /** Keeps the group membership alive during long work (Kafka); a no-op where not needed. */
  heartbeat(): Promise<void>;
  /** False once the consumer is stopping: finish the current message and return. */
  isRunning(): boolean;
  /**
   * Present when the log lives in a database the handler can write to (the PostgreSQL log): commits
   * `nextOffset` for this group and partition inside the caller's transaction, and fails when this
   * consumer no longer owns the partition.
   */
  commitInTransaction?: (sql: SqlExecutor, nextOffset: string) => Promise<void>;
}

/**
 * Called with one partition's batch. When it resolves, the transport commits the offset after the
 * batch's last message; when it rejects, nothing is committed and the batch is delivered again.
 * The handler may return how far it got (the next offset to read) to commit less than the batch.
 */
export type BatchHandler = (batch: MessageBatch) => Promise<void | { nextOffset: string }>;

export interface ConsumeOptions {
  groupId: string;
  topics: string[];
  handler: BatchHandler;
  /** Where a group without a committed offset starts. Default: the beginning. */
  fromBeginning?: boolean;
  maxBatchSize?: number;
}

export interface ConsumerHandle {
  /** Waits for the batch in progress to finish and commit, then leaves the group. */
  stop(): Promise<void>;
  /** Rejects when the consumer gave up for good (it retries through broker or database outages). */
  readonly done: Promise<void>;
}

export interface Transport {
  readonly kind: 'kafka' | 'pg-log';
  /** Creates the topic if absent. An existing topic keeps its partitions. */
  ensureTopic(topic: string, partitions: number): Promise<void>;
  /** Resolves once every message is durably acknowledged (Kafka: acks from all in-sync replicas). */
  produce(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  consume(options: ConsumeOptions): Promise<ConsumerHandle>;
  /** Resolves when the broker (Kafka) or the log's database answers now; rejects otherwise. For readiness. */
  ready(): Promise<void>;
  /** Stops every consumer and releases connections. */
  close(): Promise<void>;
}

export function toBuffer(value: Buffer | string): Buffer {
  return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
}
