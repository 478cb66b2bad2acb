/**
 * The README's benchmark figures live between markers, one block per benchmark:
 *
 *   <!-- bench:sink -->
 *   …generated: replaced by `npm run bench` from bench-results.json…
 *   <!-- /bench:sink -->
 *
 * The prose around them is written by hand; the figures are the blocks', each with the date
 * and machine of its run, so a new run replaces them all at once.
 */

export interface BenchBlock {
  /** The benchmark's name, as in `<!-- bench:NAME -->`. */
  name: string;
  /** Markdown to put between the markers. */
  body: string;
}

const start = (name: string) => `<!-- bench:${name} -->`;
const end = (name: string) => `<!-- /bench:${name} -->`;

/** The names of the blocks the text has, in order. */
export function blockNames(text: string): string[] {
  return [...text.matchAll(/<!-- bench:([a-z0-9-]+) -->/g)].map((m) => m[1] ?? '');
}

/**
 * The text with each block's body replaced. A block the text has no markers for is reported
 * in `missing` (and the text left as it is for it); markers without their end are an error.
 */
export function replaceBlocks(
  text: string,
  blocks: readonly BenchBlock[],
): { text: string; replaced: string[]; missing: string[] } {
  let out = text;
  const replaced: string[] = [];
  const missing: string[] = [];
  for (const { name, body } of blocks) {
    const from = out.indexOf(start(name));
    if (from === -1) {
      missing.push(name);
      continue;
    }
    const to = out.indexOf(end(name), from);
    if (to === -1) throw new Error(`${start(name)} has no ${end(name)} after it`);
    if (out.indexOf(start(name), from + 1) !== -1) throw new Error(`${start(name)} appears twice`);
    // Blank lines around the body, as Prettier formats Markdown: the README stays formatted.
    out = `${out.slice(0, from)}${start(name)}\n\n${body.trim()}\n\n${out.slice(to)}`;
    replaced.push(name);
  }
  return { text: out, replaced, missing };
}
