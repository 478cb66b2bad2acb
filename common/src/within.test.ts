import { within } from './within';

describe('within', () => {
  it("gives the promise's value, or its error, when it settles in time", async () => {
    expect(await within(Promise.resolve(7), 1000)).toEqual({ value: 7 });
    const error = new Error('refused');
    expect(await within(Promise.reject(error), 1000)).toEqual({ error });
  });

  it('gives late when the promise has not settled in time', async () => {
    expect(await within(new Promise(() => undefined), 20)).toEqual({ late: true });
  });
});
