import { lookupError, registryErrorMessage } from './registry-errors';

describe('registry errors', () => {
  const refused = Object.assign(
    new Error('Confluent_Schema_Registry - Error, status 400: connect ECONNREFUSED 127.0.0.1:8081'),
    { status: 400 },
  );

  it('say that the registry did not answer when the client reports a network error as 400', () => {
    expect(registryErrorMessage(refused)).toBe(
      'the registry did not answer (connect ECONNREFUSED 127.0.0.1:8081)',
    );
    expect(lookupError(refused, 7).message).toBe(
      'Could not fetch schema 7 from the registry: the registry did not answer (connect ECONNREFUSED 127.0.0.1:8081)',
    );
  });

  it('say so for a request past its time limit, also reported as 400', () => {
    const late = Object.assign(
      new Error('Confluent_Schema_Registry - Error, status 400: Timeout (10000ms)'),
      { status: 400 },
    );
    expect(registryErrorMessage(late)).toBe('the registry did not answer (Timeout (10000ms))');
  });

  it('keep the message of a real answer', () => {
    const notFound = Object.assign(new Error('Schema 7 not found'), { status: 404 });
    expect(registryErrorMessage(notFound)).toBe('Schema 7 not found');
    const badRequest = Object.assign(new Error('status 400: invalid schema'), { status: 400 });
    expect(registryErrorMessage(badRequest)).toBe('status 400: invalid schema');
  });
});
