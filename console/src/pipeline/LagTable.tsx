import type { StatusBody } from '@nobel-pipeline/schemas';

/** The sink's lag per partition and in total, or why it could not be read. */
export function LagTable({ sink }: { sink: StatusBody['sink'] }) {
  if ('error' in sink) return <p class="problem">Sink lag unavailable: {sink.error}</p>;
  return (
    <>
      <p>
        Total lag: <strong data-testid="sink-lag">{sink.totalLag}</strong>
      </p>
      {sink.lag.length > 0 && (
        <div class="table-wrap">
          <table class="compact">
            <caption>Sink lag per partition</caption>
            <thead>
              <tr>
                <th scope="col">Topic</th>
                <th scope="col">Partition</th>
                <th scope="col">Lag</th>
                <th scope="col">Committed</th>
                <th scope="col">End</th>
              </tr>
            </thead>
            <tbody>
              {sink.lag.map((p) => (
                <tr key={`${p.topic}/${p.partition}`}>
                  <td class="wrap">{p.topic}</td>
                  <td class="num">{p.partition}</td>
                  <td class="num">{p.lag}</td>
                  <td class="num">{p.committed}</td>
                  <td class="num">{p.end}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
