/**
 * How serious a finding is.
 */
export enum Severity {
  /** The API server (or the library, for rules it states) rejects the manifest. */
  ERROR = 'error',
  /** The manifest is accepted but probably does not do what was meant. */
  WARNING = 'warning',
}

/**
 * One problem found in a pod spec, with the Kubernetes field path it is about.
 */
export interface Finding {
  /**
   * The ID of the rule in the catalog (`host-process-host-network`): stable, kebab-case, the same
   * for every kind of object and whatever the message says.
   */
  readonly rule: string;
  /** The manifest field, as Kubernetes writes it (for example `spec.template.spec.hostNetwork`). */
  readonly field: string;
  /** What is wrong and how to fix it, in Kubernetes' own wording where the API server has the rule. */
  readonly message: string;
  /** Whether the finding fails synthesis (`error`) or is only reported (`warning`): the rule's. */
  readonly severity: Severity;
  /** How to fix it, in one line: the rule's remediation. */
  readonly remediation: string;
}
