import { localTime } from '../format/time';

/** An instant in the browser's local time, the ISO text in its title for the exact value. */
export function Time({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={iso}>
      {localTime(iso)}
    </time>
  );
}
