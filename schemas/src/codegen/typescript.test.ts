import { readFileSync } from 'node:fs';
import { GENERATED_FILE, generatedTypes } from './generate';
import { generateTypes } from './typescript';

describe('generated types', () => {
  it('match the current schemas (run `npm run generate -w schemas` after changing an .avsc)', () => {
    expect(readFileSync(GENERATED_FILE, 'utf8')).toBe(generatedTypes());
  });

  it('map every Avro construct to the TypeScript avsc reads and writes', () => {
    const text = generateTypes(
      [
        {
          type: 'record',
          name: 'ns.Outer',
          doc: 'An outer record.',
          fields: [
            { name: 's', type: 'string' },
            { name: 'n', type: ['null', 'long'], default: null },
            { name: 'at', type: { type: 'long', logicalType: 'timestamp-millis' } },
            { name: 'm', type: { type: 'map', values: 'int' } },
            { name: 'a', type: { type: 'array', items: ['null', 'string'] } },
            { name: 'e', type: { type: 'enum', name: 'Colour', symbols: ['RED', 'GREEN'] } },
            {
              name: 'i',
              type: { type: 'record', name: 'Inner', fields: [{ name: 'b', type: 'bytes' }] },
            },
            { name: 'again', type: 'ns.Inner' },
          ],
        },
      ],
      '// header',
    );
    expect(text).toContain('/** An outer record. */\nexport interface Outer {');
    expect(text).toContain('  s: string;');
    expect(text).toContain('  n: null | number;');
    expect(text).toContain('  /** Milliseconds since the epoch (UTC). */\n  at: number;');
    expect(text).toContain('  m: Record<string, number>;');
    expect(text).toContain('  a: (null | string)[];');
    expect(text).toContain("export type Colour = 'RED' | 'GREEN';");
    expect(text).toContain("export const ColourSymbols = ['RED', 'GREEN'] as const;");
    expect(text).toContain('  i: Inner;\n');
    expect(text).toContain('  again: Inner;');
    expect(text.match(/export interface Inner/g)).toHaveLength(1);
    expect(text).toContain('export interface Inner {\n  b: Buffer;\n}');
  });
});
