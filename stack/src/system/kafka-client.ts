import { Kafka, logLevel } from 'kafkajs';

/** A kafkajs client for the stack's own checks: no logging, no long internal retries. */
export function quietKafka(brokers: string[], retries = 2): Kafka {
  return new Kafka({
    brokers,
    clientId: 'nobel-stack',
    logLevel: logLevel.NOTHING,
    connectionTimeout: 2000,
    retry: { retries, initialRetryTime: 200, maxRetryTime: 2000 },
  });
}

/** True when the broker answers a metadata request (it is up and has a controller). */
export async function brokerAnswers(brokers: string[]): Promise<boolean> {
  const admin = quietKafka(brokers).admin();
  try {
    await admin.connect();
    const cluster = await admin.describeCluster();
    return cluster.brokers.length > 0 && cluster.controller !== null;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}
