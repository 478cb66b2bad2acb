import { blockNames, replaceBlocks } from './readme-blocks';

const readme = [
  '# Title',
  'Prose that quotes no figure.',
  '<!-- bench:sink -->',
  'old figures',
  'more old figures',
  '<!-- /bench:sink -->',
  'After.',
  '<!-- bench:read -->',
  '<!-- /bench:read -->',
  '',
].join('\n');

describe('replaceBlocks', () => {
  it('replaces what is between the markers, and only that', () => {
    const { text, replaced, missing } = replaceBlocks(readme, [
      { name: 'sink', body: 'new figures\n' },
      { name: 'read', body: '| a |' },
    ]);
    expect(text).toBe(
      [
        '# Title',
        'Prose that quotes no figure.',
        '<!-- bench:sink -->',
        '',
        'new figures',
        '',
        '<!-- /bench:sink -->',
        'After.',
        '<!-- bench:read -->',
        '',
        '| a |',
        '',
        '<!-- /bench:read -->',
        '',
      ].join('\n'),
    );
    expect(replaced).toEqual(['sink', 'read']);
    expect(missing).toEqual([]);
  });

  it('is idempotent: the same figures twice give the same text', () => {
    const once = replaceBlocks(readme, [{ name: 'sink', body: 'x' }]).text;
    expect(replaceBlocks(once, [{ name: 'sink', body: 'x' }]).text).toBe(once);
  });

  it('reports a block the text has no markers for, and leaves the text as it is', () => {
    const result = replaceBlocks(readme, [{ name: 'fetcher', body: 'x' }]);
    expect(result).toEqual({ text: readme, replaced: [], missing: ['fetcher'] });
  });

  it('refuses a start marker without its end, or twice', () => {
    expect(() => replaceBlocks('<!-- bench:sink -->\nx', [{ name: 'sink', body: 'y' }])).toThrow(
      'has no <!-- /bench:sink --> after it',
    );
    const twice = '<!-- bench:a -->\n<!-- /bench:a -->\n<!-- bench:a -->\n<!-- /bench:a -->';
    expect(() => replaceBlocks(twice, [{ name: 'a', body: 'y' }])).toThrow('appears twice');
  });
});

describe('blockNames', () => {
  it('lists the blocks in order', () => {
    expect(blockNames(readme)).toEqual(['sink', 'read']);
  });
});
