import { useMemo, useState } from 'preact/hooks';
import { describeCommandFailure } from '../api/describe-failure';
import type { ApiClient } from '../app/api-client';
import { INTERVAL_SECONDS } from '../contract/mirrored';
import { acceptedText, commandRequest, type CommandType } from './commands';
import { createTokenStore } from './token-store';

type Outcome = { kind: 'accepted' | 'refused'; text: string } | null;

const BUTTONS: { type: CommandType; label: string }[] = [
  { type: 'START', label: 'Start' },
  { type: 'STOP', label: 'Stop' },
  { type: 'FETCH_NOW', label: 'Fetch now' },
];

/** sessionStorage, or null where the browser refuses it (reading it can throw). */
function sessionStorageOrNull(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

interface Props {
  api: ApiClient;
  /** Called once a command is accepted, so that status and runs are read again at once. */
  onAccepted: () => void;
}

/** The token, the interval and the three commands, with what became of the last one. */
export function ControlsSection({ api, onAccepted }: Props) {
  const tokens = useMemo(() => createTokenStore(sessionStorageOrNull()), []);
  const [token, setToken] = useState(() => tokens.read());
  const [intervalText, setIntervalText] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);

  const updateToken = (value: string) => {
    setToken(value);
    tokens.write(value);
  };

  const send = async (type: CommandType) => {
    const request = commandRequest(type, intervalText);
    if ('problem' in request) {
      setOutcome({ kind: 'refused', text: request.problem });
      return;
    }
    setBusy(true);
    setOutcome(null);
    const result = await api.command(request.path, request.body, token.trim());
    setBusy(false);
    if (result.ok) {
      setOutcome({ kind: 'accepted', text: acceptedText(result.body) });
      onAccepted();
    } else setOutcome({ kind: 'refused', text: describeCommandFailure(result.failure) });
  };

  return (
    <section aria-labelledby="controls-heading" class="card">
      <h2 id="controls-heading">Controls</h2>
      <div class="fields">
        <div class="field">
          <label for="api-token">API token</label>
          <div class="inline">
            <input
              id="api-token"
              type="password"
              autocomplete="off"
              value={token}
              onInput={(e) => updateToken(e.currentTarget.value)}
            />
            <button type="button" onClick={() => updateToken('')} disabled={token === ''}>
              Forget token
            </button>
          </div>
          <p class="hint">Kept in this tab only (sessionStorage).</p>
        </div>
        <div class="field">
          <label for="interval-seconds">Interval (seconds)</label>
          <input
            id="interval-seconds"
            type="number"
            inputMode="numeric"
            min={INTERVAL_SECONDS.min}
            max={INTERVAL_SECONDS.max}
            step={1}
            placeholder="default"
            value={intervalText}
            onInput={(e) => setIntervalText(e.currentTarget.value)}
          />
          <p class="hint">
            For Start: {INTERVAL_SECONDS.min} to {INTERVAL_SECONDS.max}; empty: the fetcher's
            default.
          </p>
        </div>
      </div>
      <div class="buttons">
        {BUTTONS.map(({ type, label }) => (
          <button key={type} type="button" disabled={busy} onClick={() => void send(type)}>
            {label}
          </button>
        ))}
      </div>
      <p
        role="status"
        data-testid="command-result"
        class={outcome?.kind === 'refused' ? 'result problem' : 'result'}
      >
        {busy ? 'Sending…' : (outcome?.text ?? '')}
      </p>
    </section>
  );
}
