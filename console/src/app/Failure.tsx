import { describeReadFailure } from '../api/describe-failure';
import type { ApiFailure } from '../api/result';

/** A failed read in words, announced to screen readers. */
export function Failure({ failure }: { failure: ApiFailure | null }) {
  if (failure === null) return null;
  return (
    <p class="problem" role="alert">
      {describeReadFailure(failure)}
    </p>
  );
}
