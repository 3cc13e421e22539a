import { Partitioners } from 'kafkajs';
import { partitionForKey } from './partitioner';

describe('partitionForKey', () => {
  it('puts a key on the same partition as the Kafka (Java-compatible) default partitioner', () => {
    const kafka = Partitioners.DefaultPartitioner();
    const partitionMetadata = Array.from({ length: 6 }, (_, partitionId) => ({ partitionId, leader: 0, partitionErrorCode: 0, replicas: [0], isr: [0] }));
    const keys = ['198503302010011002', 'dinkes', 'a', 'ab', 'abc', 'abcd', 'ünïcødé', ...Array.from({ length: 200 }, (_, i) => `key-${i}`)];
    for (const key of keys) {
      expect(partitionForKey(key, 6)).toBe(kafka({ topic: 't', partitionMetadata, message: { key, value: null } }));
    }
    expect(new Set(keys.map((k) => partitionForKey(k, 6))).size).toBe(6);
  });
});
