import { join } from 'node:path';

/** The mirror's command-line entry point, built: what a harness starts as a process of its own. */
export const MIRROR_CLI = join(__dirname, 'cli.js');
