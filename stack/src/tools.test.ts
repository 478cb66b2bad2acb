import { resetToEarliestArgs, withBootstrap } from './tools';

describe('withBootstrap', () => {
  it('adds the stack broker when no cluster address is given', () => {
    expect(withBootstrap(['--topic', 't'], '127.0.0.1:9092')).toEqual([
      '--topic',
      't',
      '--bootstrap-server',
      '127.0.0.1:9092',
    ]);
  });

  it('keeps an address the user gave, in either spelling', () => {
    expect(withBootstrap(['--bootstrap-server', 'h:1', '--list'], 'x:2')).toEqual([
      '--bootstrap-server',
      'h:1',
      '--list',
    ]);
    expect(withBootstrap(['--bootstrap-server=h:1'], 'x:2')).toEqual(['--bootstrap-server=h:1']);
    expect(withBootstrap(['--bootstrap-controller', 'h:1'], 'x:2')).toEqual([
      '--bootstrap-controller',
      'h:1',
    ]);
  });
});

describe('resetToEarliestArgs', () => {
  it('names the group, every topic, and executes', () => {
    expect(resetToEarliestArgs('g', ['a', 'b'])).toEqual([
      '--group',
      'g',
      '--reset-offsets',
      '--to-earliest',
      '--topic',
      'a',
      '--topic',
      'b',
      '--execute',
    ]);
  });
});
