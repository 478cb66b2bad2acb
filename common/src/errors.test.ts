import {
  codeOf,
  errorCode,
  errorMessage,
  isProgrammerError,
  isRetriable,
  PipelineError,
} from './errors';

class RefusedByDatabaseError extends PipelineError {}

describe('the base error', () => {
  it('carries a stable code, from its class or given, and its retriability', () => {
    const refused = new RefusedByDatabaseError('no');
    expect([refused.code, refused.retriable, refused.name]).toEqual([
      'refused_by_database',
      false,
      'RefusedByDatabaseError',
    ]);
    expect(new PipelineError('x', { code: 'kafka_unavailable', retriable: true })).toMatchObject({
      code: 'kafka_unavailable',
      retriable: true,
    });
    expect(codeOf('HTTPTimeoutError')).toBe('http_timeout');
  });

  it('tells programmer errors, retriable errors and the message of anything thrown', () => {
    expect(isProgrammerError(new TypeError('x'))).toBe(true);
    expect(isProgrammerError(new RangeError('x'))).toBe(false);
    expect(isRetriable(new PipelineError('x', { retriable: true }))).toBe(true);
    expect(isRetriable(null)).toBe(false);
    expect(isRetriable('retriable')).toBe(false);
    expect(errorMessage(new Error('boom'))).toBe('boom');
    expect(errorMessage('text')).toBe('text');
    expect(errorMessage({ a: 1 })).toBe('{"a":1}');
    expect(errorMessage(undefined)).toBe('undefined');
  });
});

describe('errorCode', () => {
  it('is a stable code for metric labels, never words of a message', () => {
    expect(errorCode(new RefusedByDatabaseError('Data truncated for column x'))).toBe(
      'refused_by_database',
    );
    expect(errorCode(new PipelineError('x', { code: 'run_aborted' }))).toBe('run_aborted');
    expect(errorCode(new TypeError('x is undefined'))).toBe('type');
    expect(errorCode(new Error('HTTP 500 the server'))).toBe('error');
    expect(errorCode('a string')).toBe('error');
  });
});
