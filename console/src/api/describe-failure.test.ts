import type { ErrorBody } from '@nobel-pipeline/schemas';
import { describeCommandFailure, describeReadFailure, UNREACHABLE } from './describe-failure';
import type { ApiFailure } from './result';

function http(status: number, body: Partial<ErrorBody> | null): ApiFailure {
  return {
    kind: 'http',
    status,
    body: body === null ? null : { error: 'x', message: 'm', details: [], ...body },
  };
}

describe('describeCommandFailure', () => {
  it('says ingest-api cannot be reached when nothing answered', () => {
    expect(describeCommandFailure({ kind: 'network' })).toBe(UNREACHABLE);
  });

  it('asks for the token on 401', () => {
    expect(describeCommandFailure(http(401, { error: 'unauthorized' }))).toBe(
      'Not authorised: enter the API token (401 unauthorized)',
    );
  });

  it('says the command may not have been stored when Kafka did not acknowledge it', () => {
    expect(describeCommandFailure(http(503, { error: 'kafka_unavailable' }))).toBe(
      'Kafka did not acknowledge the command: it may not have been stored, and sending it again is safe (503 kafka_unavailable)',
    );
  });

  it('gives the message, the details and the code otherwise', () => {
    const body = {
      error: 'invalid_body',
      message: 'The body is invalid',
      details: [{ path: 'intervalSeconds', problem: 'must be at least 60' }],
    };
    expect(describeCommandFailure(http(400, body))).toBe(
      'The body is invalid: intervalSeconds: must be at least 60 (400 invalid_body)',
    );
  });

  it('names the status when the answer was not an ErrorBody', () => {
    expect(describeCommandFailure(http(502, null))).toBe('ingest-api answered 502 (502)');
  });
});

describe('describeReadFailure', () => {
  it('says a 404 is not found', () => {
    expect(describeReadFailure(http(404, { error: 'not_found' }))).toBe(
      'Not found (404 not_found)',
    );
  });

  it('gives a 400 with its details', () => {
    const body = {
      error: 'invalid_query',
      message: 'Invalid query',
      details: [{ path: 'year', problem: 'must be 1000 to 9999' }],
    };
    expect(describeReadFailure(http(400, body))).toBe(
      'Invalid query: year: must be 1000 to 9999 (400 invalid_query)',
    );
  });
});
