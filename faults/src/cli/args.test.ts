import { parseCliArgs, UsageError } from './args';

const known = ['sink-kill', 'command-storm', 'registry-down'];

describe('parseCliArgs', () => {
  it('runs everything, in full, by default', () => {
    expect(parseCliArgs([], known)).toEqual({
      short: false,
      only: undefined,
      list: false,
      help: false,
      out: undefined,
    });
  });

  it('reads --short, --only, --list and --out', () => {
    expect(
      parseCliArgs(
        ['--short', '--only', 'registry-down, sink-kill', '--out', 'x.json', '--list'],
        known,
      ),
    ).toEqual({
      short: true,
      only: ['registry-down', 'sink-kill'],
      list: true,
      help: false,
      out: 'x.json',
    });
    expect(parseCliArgs(['--only=sink-kill'], known).only).toEqual(['sink-kill']);
  });

  it('names the unknown scenarios and lists the known ones', () => {
    expect(() => parseCliArgs(['--only', 'sink-kill,nope,other'], known)).toThrow(
      new UsageError(
        '--only: no scenario named "nope", "other" (known: sink-kill, command-storm, registry-down)',
      ),
    );
  });

  it('refuses an empty --only, a name given twice and an empty --out, all at once', () => {
    expect(() => parseCliArgs(['--only', ' , '], known)).toThrow(/expected scenario names/);
    expect(() => parseCliArgs(['--only', 'sink-kill,sink-kill', '--out', ''], known)).toThrow(
      new UsageError('--only: sink-kill given twice\n--out: expected a file name'),
    );
  });

  it('refuses unknown options, positionals and missing values', () => {
    expect(() => parseCliArgs(['--shrot'], known)).toThrow(UsageError);
    expect(() => parseCliArgs(['sink-kill'], known)).toThrow(UsageError);
    expect(() => parseCliArgs(['--only'], known)).toThrow(UsageError);
  });
});
