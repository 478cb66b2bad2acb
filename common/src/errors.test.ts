import { codeOf, errorMessage, isProgrammerError, isRetriable, PipelineError } from './errors';

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
