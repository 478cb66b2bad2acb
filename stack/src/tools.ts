import { spawn, type StdioOptions } from 'node:child_process';
import { join } from 'node:path';
import type { StackConfig } from './config';
import { StackError } from './errors';
import type { Reporter } from './components/component';
import { ensureKafkaJars, kafkaClasspath, kafkaJava } from './components/kafka';

/**
 * Kafka's own console tools, on the classpath the broker runs with, so that users can read,
 * write and replay topics without installing Kafka.
 */
export const KAFKA_TOOLS: Readonly<Record<string, string>> = {
  'console-consumer': 'org.apache.kafka.tools.consumer.ConsoleConsumer',
  'console-producer': 'org.apache.kafka.tools.ConsoleProducer',
  topics: 'org.apache.kafka.tools.TopicCommand',
  'consumer-groups': 'org.apache.kafka.tools.consumer.group.ConsumerGroupCommand',
  'get-offsets': 'org.apache.kafka.tools.GetOffsetShell',
  configs: 'kafka.admin.ConfigCommand',
};

/** The arguments, with `--bootstrap-server` added when the caller gave no cluster address. */
export function withBootstrap(args: readonly string[], broker: string): string[] {
  const named = args.some((a) => /^--bootstrap-(server|controller)(=|$)/.test(a));
  return named ? [...args] : [...args, '--bootstrap-server', broker];
}

/**
 * `consumer-groups` arguments that move a group back to the start of the topics, so that its
 * next consumer replays them (the group must have no running member).
 */
export function resetToEarliestArgs(group: string, topics: readonly string[]): string[] {
  return [
    '--group',
    group,
    '--reset-offsets',
    '--to-earliest',
    ...topics.flatMap((topic) => ['--topic', topic]),
    '--execute',
  ];
}

export interface ToolRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runKafkaTool(
  config: StackConfig,
  report: Reporter,
  tool: string,
  args: readonly string[],
  stdio: 'inherit' | 'pipe' = 'inherit',
): Promise<ToolRun> {
  const mainClass = KAFKA_TOOLS[tool];
  if (mainClass === undefined) {
    throw new StackError('kafka', `unknown tool "${tool}"`, {
      hint: `Tools: ${Object.keys(KAFKA_TOOLS).join(', ')}.`,
    });
  }
  const java = kafkaJava(config);
  const classpath = kafkaClasspath(await ensureKafkaJars(config, report));
  const broker = config.kafka.bootstrap.join(',');
  const options: StdioOptions = stdio === 'inherit' ? 'inherit' : ['ignore', 'pipe', 'pipe'];
  return new Promise((resolveRun, rejectRun) => {
    const child = spawn(
      java.java,
      [
        '-Xmx512m',
        '-XX:TieredStopAtLevel=1',
        `-Dlog4j2.configurationFile=${join(config.paths.assets, 'conf', 'log4j2-tools.properties')}`,
        '-cp',
        classpath,
        mainClass,
        ...withBootstrap(args, broker),
      ],
      { stdio: options },
    );
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', rejectRun);
    child.once('close', (code, signal) =>
      resolveRun({ code: code ?? (signal === null ? 1 : 128), stdout, stderr }),
    );
  });
}
