import { Component, type ComponentChildren } from 'preact';

interface State {
  error: string | null;
}

/**
 * Catches what a section throws while rendering — an answer whose shape the console did not
 * expect (a proxy's JSON, a mismatched version) — and says so in that section, instead of the
 * whole page going blank. The rest of the page keeps updating.
 */
export class RenderFailure extends Component<{ what: string; children: ComponentChildren }, State> {
  override state: State = { error: null };

  override componentDidCatch(error: unknown): void {
    this.setState({ error: error instanceof Error ? error.message : String(error) });
  }

  override render() {
    if (this.state.error === null) return this.props.children;
    return (
      <section class="card" role="alert">
        <p class="problem">
          The {this.props.what} could not be shown: {this.state.error}. Reload the page; if this
          persists, check that ingest-api and the console are of the same version.
        </p>
      </section>
    );
  }
}
