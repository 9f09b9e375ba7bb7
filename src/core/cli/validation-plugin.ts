// The lint as a cdk8s validation plugin: `cdk8s synth` runs it on the manifests it wrote when
// cdk8s.yaml names it under `validations:`. This file is the public class only; the work is in
// ./validation-plugin-run.ts, loaded when cdk8s-cli creates the plugin, so that an app importing
// the library does not load the lint.
import type * as Run from './validation-plugin-run';
import type { Severity } from '../validation/finding';

/**
 * The settings of `HostProcessValidation`: `properties:` of its entry in cdk8s.yaml. They have
 * the meaning of the `cdk8s-hostprocess lint` flags of the same names, and combine with a
 * configuration file as those do.
 */
export interface HostProcessValidationProps {
  /**
   * What fails the validation (and `cdk8s synth`, with exit code 2): `error`, or `warning` for
   * warnings too. Overrides the configuration file's `failOn`, as `--fail-on` does.
   *
   * @default - the configuration file's `failOn`, else `error`
   */
  readonly failOn?: Severity;

  /**
   * Only these rules are reported (rule IDs, as `cdk8s-hostprocess rules` lists them), with those
   * of the configuration file's `checks.include`. The rules that cannot be excluded
   * (`decode-type-mismatch`, `unknown-field`) are always reported.
   *
   * @default - every rule
   */
  readonly include?: string[];

  /**
   * Rules not reported, with those of the configuration file's `checks.exclude`; exclude wins over
   * include.
   *
   * @default - none
   */
  readonly exclude?: string[];

  /**
   * The lint's configuration file (`checks: {include, exclude}`, `failOn`, `skip`), relative to the
   * folder `cdk8s synth` runs in.
   *
   * @default - `.cdk8s-hostprocess.yaml` (or `.yml`) in the folder `cdk8s synth` runs in, if there is one
   */
  readonly config?: string;

  /**
   * The Kubernetes release whose API types every field name and value is checked against, as the
   * API server decodes an object with strict field validation: a minor (`"1.30"`, quoted in YAML)
   * or a release (`1.30.14`) that the lint has the API types of.
   *
   * @default - the newest release the lint has
   */
  readonly kubernetesVersion?: string;

  /**
   * Check every pod with every rule, not only HostProcess and Windows pods.
   *
   * @default false
   */
  readonly all?: boolean;
}

/**
 * The `cdk8s-hostprocess lint` checks as a cdk8s validation plugin: `cdk8s synth` runs them on the
 * manifests it writes, and fails (exit code 2) when they find an error. Name it in cdk8s.yaml:
 *
 * ```yaml
 * validations:
 *   - package: ./node_modules/cdk8s-hostprocess
 *     version: 1.2.3
 *     class: HostProcessValidation
 *     properties:
 *       failOn: warning
 * ```
 *
 * Each finding is a violation of the report: its rule ID, its message and its remediation, the
 * object and the field it is about, and the construct that wrote the object. The rules, their
 * configuration file and the `ignore-check.hostprocess.cdk8s.io/<rule>` annotations that suppress
 * them are the lint's; `workload.hostProcess.acknowledge()` writes such an annotation.
 *
 * @see https://cdk8s.io/docs/latest/cli/synth/#validating-manifests
 */
export class HostProcessValidation {
  private readonly settings: Run.Settings;

  /**
   * Checks the settings, and reads the configuration file. Throws, naming the property and the
   * fix, for a setting that cannot be used: an unknown property, an unknown rule ID, a file that
   * cannot be read.
   */
  constructor(props: HostProcessValidationProps = {}) {
    this.settings = run().settings(props, process.cwd());
  }

  /**
   * Checks the manifests of `context` (cdk8s-cli's `ValidationContext`) and submits its report:
   * a violation per finding that is not suppressed, and a failure when an error (or, with
   * `failOn: warning`, a warning) is found or a manifest cannot be checked.
   *
   * @param context the `ValidationContext` cdk8s-cli gives a validation plugin
   */
  public async validate(context: any): Promise<void> {
    run().validate(this.settings, context);
  }
}

function run(): typeof Run {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('./validation-plugin-run');
}
