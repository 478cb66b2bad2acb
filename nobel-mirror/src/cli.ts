import { errorMessage } from '@nobel-pipeline/common';
import { parseArgs } from 'node:util';
import { MirrorArgumentError } from './errors';
import { createMirror } from './server';
import { MAX_SCALE, parseScale, scaleRecords } from './scale';
import { DEFAULT_SNAPSHOTS, loadSnapshot } from './snapshot';

const USAGE = `Usage: nobel-mirror [--data <nobelPrizes.json>] [--laureates <laureates.json>] [--scale K] [--port 4000] [--host 127.0.0.1] [--public-url <url>]

Serves recorded Nobel Prize API responses like api.nobelprize.org/2.1:
  GET /2.1/nobelPrizes?offset=&limit=    GET /2.1/laureates?offset=&limit=
Faults and data changes for tests: POST /_admin/faults, POST /_admin/mutate, POST /_admin/reset,
GET /_admin/stats (see nobel-mirror/src/admin.ts).
--scale K serves K copies of every record (1 to ${MAX_SCALE}): the first as recorded, each other one
moved to years and laureate ids of its own, so that all are distinct, valid prizes and laureates
(670 prizes × K; 48,240 at ${MAX_SCALE}).
Defaults: the 2024-06 snapshots in ../shared/nobel-api beside the repository.`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      data: { type: 'string', default: DEFAULT_SNAPSHOTS.nobelPrizes },
      laureates: { type: 'string' },
      port: { type: 'string', default: '4000' },
      host: { type: 'string', default: '127.0.0.1' },
      'public-url': { type: 'string' },
      scale: { type: 'string', default: '1' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help === true) {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new MirrorArgumentError(`--port: expected a TCP port, got ${values.port}`);
  const scale = parseScale(values.scale);
  const nobelPrizes = scaleRecords(loadSnapshot(values.data, 'nobelPrizes'), scale);
  const laureatesFile = values.laureates ?? DEFAULT_SNAPSHOTS.laureates;
  let laureates: unknown[] | undefined;
  try {
    laureates = scaleRecords(loadSnapshot(laureatesFile, 'laureates'), scale);
  } catch (error) {
    // Laureates are optional: the pipeline reads nobelPrizes only.
    if (values.laureates !== undefined) throw error;
  }
  const mirror = createMirror({
    data: { nobelPrizes, laureates },
    publicUrl: values['public-url'],
  });
  const url = await mirror.listen(port, values.host);
  process.stdout.write(
    `Nobel API mirror on ${url} — ${nobelPrizes.length} prizes${laureates === undefined ? '' : `, ${laureates.length} laureates`}${scale === 1 ? '' : ` (the recorded ones × ${scale})`}\n` +
      `  try: curl '${url}/nobelPrizes?offset=0&limit=2'\n` +
      `  the fetcher uses it with NOBEL_API_URL=${url}\n`,
  );
  const stop = () => void mirror.close().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch((error: unknown) => {
  process.stderr.write(`nobel-mirror: ${errorMessage(error)}\n`);
  process.exit(1);
});
