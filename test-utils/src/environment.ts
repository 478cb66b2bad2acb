import { TestEnvironment } from 'jest-environment-node';
import { cleanUp } from './cleanup';
import { ledgerOf } from './ledger';

/**
 * The jest environment of every package (see jest-preset.js): Node's, plus, once a test file
 * is done — after its own afterAll hooks, whatever its tests did — the deletion of the topics,
 * subjects, groups and databases it created. A clean-up that fails is reported, not fatal:
 * the run's own check of what was left behind (`npm test`) counts what remains.
 */
export default class PipelineTestEnvironment extends TestEnvironment {
  override async teardown(): Promise<void> {
    const ledger = ledgerOf(this.global);
    if (ledger !== undefined) {
      const report = await cleanUp(ledger);
      if (report.problems.length > 0)
        process.stderr.write(
          `\ntest clean-up: could not delete everything the test file created:\n  ${report.problems.join('\n  ')}\n`,
        );
    }
    await super.teardown();
  }
}
