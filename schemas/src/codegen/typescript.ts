import type { Schema } from 'avsc';

/**
 * Writes the TypeScript types an Avro schema implies, as avsc reads and writes values:
 * records → interfaces (every field present; nullable fields are `T | null`), enums → string
 * unions plus a symbols array, maps → Record<string, T>, int/long/float/double → number
 * (timestamp-millis: epoch milliseconds), bytes/fixed → Buffer.
 */

interface Field {
  name: string;
  type: Schema;
  doc?: string;
}

type Named = { type: string; name: string; namespace?: string; doc?: string } & Record<
  string,
  unknown
>;

const PRIMITIVES: Record<string, string> = {
  null: 'null',
  boolean: 'boolean',
  int: 'number',
  long: 'number',
  float: 'number',
  double: 'number',
  bytes: 'Buffer',
  string: 'string',
};

function shortName(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

function comment(text: string | undefined, indent: string): string[] {
  if (text === undefined || text === '') return [];
  return [`${indent}/** ${text.replace(/\*\//g, '*\\/')} */`];
}

export function generateTypes(schemas: readonly Schema[], header: string): string {
  const declarations: string[][] = [];
  const declared = new Set<string>();

  function typeOf(schema: Schema): string {
    if (typeof schema === 'string') {
      return PRIMITIVES[schema] ?? shortName(schema);
    }
    if (Array.isArray(schema)) {
      return schema.map((branch) => typeOf(branch as Schema)).join(' | ');
    }
    const s = schema as Named & {
      items?: Schema;
      values?: Schema;
      fields?: Field[];
      symbols?: string[];
    };
    switch (s.type) {
      case 'record':
      case 'error':
      case 'enum':
      case 'fixed':
        declare(s);
        return shortName(s.name);
      case 'array':
        return `${wrap(typeOf(s.items as Schema))}[]`;
      case 'map':
        return `Record<string, ${typeOf(s.values as Schema)}>`;
      default:
        return typeOf(s.type as Schema);
    }
  }

  function wrap(type: string): string {
    return type.includes(' | ') ? `(${type})` : type;
  }

  function declare(s: Named & { fields?: Field[]; symbols?: string[] }): void {
    const name = shortName(s.name);
    if (declared.has(name)) return;
    declared.add(name);
    const lines: string[] = [];
    declarations.push(lines);
    lines.push(...comment(s.doc, ''));
    if (s.type === 'enum') {
      const symbols = s.symbols ?? [];
      lines.push(`export type ${name} = ${symbols.map((x) => `'${x}'`).join(' | ')};`);
      lines.push(
        `export const ${name}Symbols = [${symbols.map((x) => `'${x}'`).join(', ')}] as const;`,
      );
      return;
    }
    if (s.type === 'fixed') {
      lines.push(`export type ${name} = Buffer;`);
      return;
    }
    lines.push(`export interface ${name} {`);
    for (const field of s.fields ?? []) {
      const logical = (field.type as { logicalType?: string }).logicalType;
      const doc =
        logical === 'timestamp-millis' && !/milliseconds/i.test(field.doc ?? '')
          ? `${field.doc ?? ''} Milliseconds since the epoch (UTC).`.trim()
          : field.doc;
      lines.push(...comment(doc, '  '));
      lines.push(`  ${field.name}: ${typeOf(field.type)};`);
    }
    lines.push('}');
  }

  for (const schema of schemas) typeOf(schema);
  return `${header}\n\n${declarations.map((lines) => lines.join('\n')).join('\n\n')}\n`;
}
