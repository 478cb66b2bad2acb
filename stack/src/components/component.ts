/** What the stack knows about one of its parts. */
export interface ComponentStatus {
  name: string;
  up: boolean;
  /** Where clients reach it. */
  address: string;
  version: string | undefined;
  /** `stack` when this stack runs it, `external` when it found it running and only uses it. */
  owner: 'stack' | 'external' | undefined;
  /** The component's log file, when the stack runs it. */
  log: string | undefined;
  /** One line of extra information (why it is down, what it holds). */
  detail?: string;
}

/** Progress lines for the user ("downloading...", "ready in 6.2 s"). */
export type Reporter = (component: string, message: string) => void;

export interface Component {
  readonly name: string;
  status(): Promise<ComponentStatus>;
  /**
   * Checks prerequisites and downloads what up() will need, unless the component already runs.
   * The stack prepares components one after the other (Maven downloads never overlap), then
   * starts them together.
   */
  prepare(): Promise<void>;
  /** Starts it unless it already runs; resolves once it answers. Idempotent. */
  up(): Promise<ComponentStatus>;
  /** Stops what the stack started; keeps data; leaves external servers alone. */
  down(): Promise<void>;
  /** Stops the component if the stack runs it, then deletes its data. */
  reset(): Promise<void>;
  /**
   * The pid of the server process the stack runs for it (undefined when it runs none, or the
   * server is external): what a fault test kills with SIGKILL.
   */
  pid(): number | undefined;
}
