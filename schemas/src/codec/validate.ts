import type { Type } from 'avsc';
import { ValidationError, type ValidationIssue } from '../errors';
import type { Contract } from '../contracts/contract';

/** How a schema type reads in an error message: `string`, `null | map<string>`, `one of START, STOP`. */
export function describeType(type: Type): string {
  const t = type as Type & {
    types?: Type[];
    itemsType?: Type;
    valuesType?: Type;
    symbols?: string[];
    name?: string;
    typeName: string;
  };
  if (t.types !== undefined) return t.types.map(describeType).join(' | ');
  if (t.itemsType !== undefined) return `array<${describeType(t.itemsType)}>`;
  if (t.valuesType !== undefined) return `map<${describeType(t.valuesType)}>`;
  if (t.symbols !== undefined) return `one of ${t.symbols.join(', ')}`;
  if (t.name !== undefined) return t.name.slice(t.name.lastIndexOf('.') + 1);
  return t.typeName;
}

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return `"${value.length > 40 ? `${value.slice(0, 40)}…` : value}"`;
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}

function formatPath(path: readonly string[]): string {
  return path.reduce(
    (acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc === '' ? part : `${acc}.${part}`),
    '',
  );
}

/** Keys of a plain object that a record type does not declare. */
function undeclaredFields(type: Type, value: unknown): string[] {
  const fields = (type as Type & { fields?: { name: string }[] }).fields;
  if (fields === undefined || value === null || typeof value !== 'object' || Array.isArray(value)) {
    return [];
  }
  const declared = new Set(fields.map((f) => f.name));
  return Object.keys(value).filter((key) => !declared.has(key));
}

/**
 * Every place where a value does not fit the type, innermost first. Fields the schema does not
 * declare count as errors: they would be dropped silently by encoding.
 */
export function validationIssues(type: Type, value: unknown): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  type.isValid(value, {
    noUndeclaredFields: true,
    errorHook: (path: string[], found: unknown, expected: Type) => {
      const undeclared = undeclaredFields(expected, found);
      issues.push({
        path: formatPath(path),
        problem:
          undeclared.length > 0
            ? `has fields the schema does not declare: ${undeclared.join(', ')}`
            : `expected ${describeType(expected)}, got ${describeValue(found)}`,
      });
    },
  });
  return issues;
}

/** Throws a ValidationError naming each bad path unless the value fits the contract. */
export function assertValid<T>(contract: Contract<T>, value: unknown): asserts value is T {
  const issues = validationIssues(contract.type, value);
  if (issues.length > 0) throw new ValidationError(contract.name, issues);
}
