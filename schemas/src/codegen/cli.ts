import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, relative } from 'node:path';
import { GENERATED_FILE, generatedTypes } from './generate';

mkdirSync(dirname(GENERATED_FILE), { recursive: true });
writeFileSync(GENERATED_FILE, generatedTypes());
process.stdout.write(`wrote ${relative(process.cwd(), GENERATED_FILE)}\n`);
