import type { FetchRun, FetcherCommand, NobelPrize } from '../generated/types';
import { loadContract, type Contract } from './contract';

export interface Contracts {
  fetcherCommand: Contract<FetcherCommand>;
  nobelPrize: Contract<NobelPrize>;
  fetchRun: Contract<FetchRun>;
}

/** The pipeline's contracts, read from the .avsc files. */
export function loadContracts(): Contracts {
  return {
    fetcherCommand: loadContract<FetcherCommand>('FetcherCommand'),
    nobelPrize: loadContract<NobelPrize>('NobelPrize'),
    fetchRun: loadContract<FetchRun>('FetchRun'),
  };
}
