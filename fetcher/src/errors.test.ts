import { PipelineError } from '@nobel-pipeline/common';
import { ValidationError } from '@nobel-pipeline/schemas';
import { PublishError, RunAbortedError } from './errors';

describe('the fetcher errors', () => {
  it('never call a failure retriable that its cause says is not', () => {
    const invalid = new ValidationError('NobelPrize', [{ path: 'awardYear', problem: 'bad' }]);
    expect(new PublishError('could not publish', invalid).retriable).toBe(false);
    const away = new PipelineError('broker away', { retriable: true });
    expect(new PublishError('could not publish', away).retriable).toBe(true);
  });

  it('carry stable codes', () => {
    expect(new RunAbortedError('stopped').code).toBe('run_aborted');
    expect(new PublishError('x', null).code).toBe('publish');
  });
});
