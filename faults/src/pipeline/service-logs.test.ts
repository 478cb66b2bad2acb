import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PipelineProcesses } from '@nobel-pipeline/test-utils';
import { keepServiceLogs } from './service-logs';

const running = (outputs: Record<string, string>): PipelineProcesses['running'] =>
  // Only output() is read here: the rest of a running service is not needed.
  new Map(
    Object.entries(outputs).map(([name, text]) => [name, { output: () => text }]),
  ) as unknown as PipelineProcesses['running'];

it("writes each service's whole output, one file per service", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'faults-logs-'));
  try {
    const lines: string[] = [];
    const files = await keepServiceLogs(
      join(dir, 'nested'),
      'sink-kill',
      running({ sink: 'a\nb\n', fetcher: 'c\n' }),
      (line) => lines.push(line),
      new Date('2026-12-01T05:00:00.000Z'),
    );
    expect(files).toEqual([
      join(dir, 'nested', 'sink-kill.2026-12-01T05-00-00-000Z.sink.log'),
      join(dir, 'nested', 'sink-kill.2026-12-01T05-00-00-000Z.fetcher.log'),
    ]);
    expect(readFileSync(files[0] ?? '', 'utf8')).toBe('a\nb\n');
    expect(lines[0]).toContain('2 files');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('says, and does not throw, when the directory cannot be written', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'faults-logs-'));
  try {
    const notADir = join(dir, 'file');
    writeFileSync(notADir, '');
    const lines: string[] = [];
    const files = await keepServiceLogs(notADir, 's', running({ sink: 'x' }), (line) =>
      lines.push(line),
    );
    expect(files).toEqual([]);
    expect(lines[0]).toMatch(/could not keep/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
