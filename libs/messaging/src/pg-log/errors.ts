export class UnknownTopicError extends Error {
  constructor(readonly topic: string) {
    super(`Unknown topic ${topic}: create it with ensureTopic first`);
    this.name = 'UnknownTopicError';
  }
}

/** This consumer lost its partition (connection dropped, another consumer took over). */
export class ConsumerFencedError extends Error {
  constructor(groupId: string, topic: string, partition: number) {
    super(`Consumer of group ${groupId} no longer owns ${topic}/${partition}`);
    this.name = 'ConsumerFencedError';
  }
}
