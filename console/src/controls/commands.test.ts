import { acceptedText, commandRequest } from './commands';

describe('commandRequest', () => {
  it('sends STOP and FETCH_NOW with an empty body', () => {
    expect(commandRequest('STOP', '300')).toEqual({ path: '/stop', body: {} });
    expect(commandRequest('FETCH_NOW', '')).toEqual({ path: '/fetch', body: {} });
  });

  it('sends START with the interval when one is typed', () => {
    expect(commandRequest('START', ' 300 ')).toEqual({
      path: '/start',
      body: { intervalSeconds: 300 },
    });
    expect(commandRequest('START', '')).toEqual({ path: '/start', body: {} });
  });

  it('refuses an interval out of bounds or not whole, before sending anything', () => {
    for (const text of ['59', '86401', '1.5', 'abc'])
      expect(commandRequest('START', text)).toEqual({
        problem: expect.stringContaining('from 60 to 86400') as unknown,
      });
  });
});

describe('acceptedText', () => {
  it('gives the type and the full command id', () => {
    const commandId = '3f2a6c1e-0b1d-4c1e-9a7e-2b8c1d3e4f50';
    expect(
      acceptedText({ commandId, type: 'FETCH_NOW', intervalSeconds: null, issuedAt: 'x' }),
    ).toBe(`FETCH_NOW accepted: command ${commandId}`);
    expect(acceptedText({ commandId, type: 'START', intervalSeconds: 300, issuedAt: 'x' })).toBe(
      `START accepted: command ${commandId} (every 300 s)`,
    );
  });
});
