import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createDownloadMeter, formatBytes, watchGrowth } from './download-meter';

describe('the download meter', () => {
  it('adds up what Maven says it downloaded, and reports bytes, rate and file once per interval', () => {
    let clock = 0;
    const reports: string[] = [];
    const meter = createDownloadMeter({
      report: (m) => reports.push(m),
      now: () => clock,
      everyMs: 1000,
    });
    meter.line(
      '[INFO] Downloading from central: https://repo.maven.apache.org/maven2/org/apache/kafka/kafka_2.13/4.1.2/kafka_2.13-4.1.2.jar',
    );
    clock = 500;
    meter.line(
      '[INFO] Downloaded from central: https://repo.maven.apache.org/maven2/org/apache/kafka/kafka_2.13/4.1.2/kafka_2.13-4.1.2.jar (6.5 MB at 3.2 MB/s)',
    );
    clock = 1000;
    meter.line(
      '[INFO] Downloaded from central: https://repo.maven.apache.org/maven2/org/slf4j/slf4j-api/2.0.17/slf4j-api-2.0.17.jar (69 kB at 1.1 MB/s)',
    );
    clock = 1500;
    meter.line(
      '[INFO] Downloaded from central: https://repo.maven.apache.org/maven2/x/y.pom (812 B at 20 kB/s)',
    );
    clock = 2000;
    meter.line('[INFO] BUILD SUCCESS');
    expect(reports).toEqual(['downloaded 6.6 MB (2 files) at 6.6 MB/s — slf4j-api-2.0.17.jar']);
    expect(meter.summary()).toBe('downloaded 6.6 MB (3 files) in 2.0 s, 3.3 MB/s');
  });

  it('says nothing when everything came from ~/.m2', () => {
    const meter = createDownloadMeter({ report: () => undefined });
    meter.line('[INFO] --- maven-dependency-plugin:3.8.1:copy-dependencies ---');
    expect(meter.summary()).toBeUndefined();
  });

  it('formats sizes', () => {
    expect([formatBytes(812), formatBytes(69_000), formatBytes(162_300_000)]).toEqual([
      '812 B',
      '69.0 kB',
      '162.3 MB',
    ]);
  });

  it('watches a large file grow where Maven writes it, and stops when told', () => {
    jest.useFakeTimers();
    try {
      const dir = mkdtempSync(join(tmpdir(), 'growth-'));
      writeFileSync(join(dir, 'old.pom'), 'x'.repeat(100));
      let clock = 0;
      const reports: string[] = [];
      const stop = watchGrowth(dir, (m) => reports.push(m), { everyMs: 1000, now: () => clock });
      mkdirSync(join(dir, 'sub'));
      writeFileSync(join(dir, 'sub', 'app.tar.gz.part'), 'x'.repeat(2_000_000));
      clock = 2000;
      jest.advanceTimersByTime(1000);
      stop();
      writeFileSync(join(dir, 'more'), 'x'.repeat(10));
      jest.advanceTimersByTime(5000);
      expect(reports).toEqual(['downloading: 2.0 MB at 1.0 MB/s']);
    } finally {
      jest.useRealTimers();
    }
  });
});
