/** kafkajs' retry policy for every client of the transport. */
export const KAFKA_RETRY = { retries: 10, initialRetryTime: 200, maxRetryTime: 5_000 };
