import type { FetchRun, FetcherCommand, NobelLaureate, NobelPrize } from '../generated/types';
import { loadContract, type Contract } from './contract';

export interface Contracts {
  fetcherCommand: Contract<FetcherCommand>;
  nobelPrize: Contract<NobelPrize>;
  nobelLaureate: Contract<NobelLaureate>;
  fetchRun: Contract<FetchRun>;
}

/** The pipeline's contracts, read from the .avsc files. */
export function loadContracts(): Contracts {
  return {
    fetcherCommand: loadContract<FetcherCommand>('FetcherCommand'),
    nobelPrize: loadContract<NobelPrize>('NobelPrize'),
    nobelLaureate: loadContract<NobelLaureate>('NobelLaureate'),
    fetchRun: loadContract<FetchRun>('FetchRun'),
  };
}
