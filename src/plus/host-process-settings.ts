import { ApiObject } from 'cdk8s';
import { containerIntent } from './container-intent';
import { HostProcessWorkloadProps } from './host-process-props';
import { intentFindings } from './intent';
import * as kplus from './kplus';
import { podShareProcessNamespace } from './line-props';
import { podSecurityErrors } from './pod-security-check';
import { ContainerIntent, HostProcessSpecOptions, OS_LABEL, hostProcessPodSpec } from './pod-spec';
import { Pass, countPasses, currentPass, stillHolds } from './synthesis';
import { TerminationMessageOptions } from './termination-message';
import { FATAL, failsOnWarnings } from './warnings';
import { annotationsOf, hasPatches, writtenJson } from './written-json';
import { INHERIT_USER_ANNOTATION } from '../core/k8s/pod';
import { RULES } from '../core/rules/catalog';
import { Suppressions, mergeSuppressions, parseSuppressions, suppressionAnnotation } from '../core/rules/suppression';
import { Finding, Severity } from '../core/validation/finding';
import { podSpecsOf } from '../core/validation/manifest';
import { validatePodSpec } from '../core/validation/pod-spec-rules';
import { formatSynthFinding } from '../core/validation/util';
import { HostProcessUser } from '../core/windows/host-process-user';
import { WindowsBuild } from '../core/windows/windows-build';

type PodSpec = kplus.k8s.PodSpec;

/**
 * The HostProcess settings of a workload's pods, as `workload.hostProcess` (like kplus'
 * `workload.scheduling`): the Windows account, the Windows build, the node selector.
 *
 * Every HostProcess construct has one. It also does the work the constructs share: it turns their
 * props into options for the one pure transformation of the pod spec, and registers the
 * synth-time validation.
 */
export class HostProcessSettings {
  /**
   * The settings of a HostProcess workload; registers its validation.
   *
   * @internal
   */
  public static _of(pod: kplus.AbstractPod, props: HostProcessWorkloadProps & kplus.AbstractPodProps, fieldPrefix: string): HostProcessSettings {
    return new HostProcessSettings(pod, props, fieldPrefix);
  }

  /** The Windows account the containers run as. */
  public readonly user: HostProcessUser;
  /** The Windows build the pods are pinned to, if any. */
  public readonly windowsBuild?: WindowsBuild;
  /** The priority class of the pods, if set. */
  public readonly priorityClassName?: string;
  /** Whether the pods get `spec.os.name: windows`. */
  public readonly podOs: boolean;
  /** Whether every container also gets `securityContext.windowsOptions`. */
  public readonly containerWindowsOptions: boolean;
  private readonly nodeSelectorEntries: { [key: string]: string };
  // Both made when first needed: most workloads have neither, and synth creates thousands.
  private terminationMessages?: Map<kplus.Container, TerminationMessageOptions>;
  private warned?: Set<string>;
  private checked?: { readonly pass: Pass; readonly errors: string[] };
  /** The options of the check that is running (`validate`), which builds and checks with the same. */
  private checking?: HostProcessSpecOptions;
  /**
   * The pod spec the last check built, and the last pass that confirmed it: a pass continuing the
   * check's synthesis, after which cdk8s writes the workload (`_writtenPodSpec`).
   */
  private built?: { readonly spec: PodSpec; confirmed?: number };

  private constructor(
    private readonly pod: kplus.AbstractPod,
    private readonly props: HostProcessWorkloadProps & kplus.AbstractPodProps,
    private readonly fieldPrefix: string,
  ) {
    this.user = props.user ?? HostProcessUser.SYSTEM;
    this.windowsBuild = props.windowsBuild;
    this.priorityClassName = props.priorityClassName;
    this.podOs = props.podOs ?? true;
    this.containerWindowsOptions = props.containerWindowsOptions ?? false;
    this.nodeSelectorEntries = { ...props.nodeSelector };
    if (props.inheritUser) {
      // The annotation belongs on the pod: on a workload that is its pod template.
      const podMetadata = pod instanceof kplus.Workload ? pod.podMetadata : pod.metadata;
      podMetadata.addAnnotation(INHERIT_USER_ANNOTATION, 'true');
    }
    this.validate();
  }

  /** The node selector the pods get (a copy), `kubernetes.io/os: windows` included. */
  public get nodeSelector(): { [key: string]: string } {
    return { [OS_LABEL]: 'windows', ...this.options().nodeSelector };
  }

  /** Adds a node selector entry, merged like the `nodeSelector` prop. */
  public addNodeSelector(key: string, value: string): void {
    this.nodeSelectorEntries[key] = value;
  }

  /**
   * Sets a container's `terminationMessagePolicy` and `terminationMessagePath`, which kplus'
   * container props lack (CSI node plugins use `FallbackToLogsOnError`).
   *
   * @param container a container or init container of this workload (`workload.containers[i]`, or
   *   what `addContainer` returned)
   * @param options the policy, the path, or both
   */
  public configureTerminationMessage(container: kplus.Container, options: TerminationMessageOptions): void {
    const where = `[${this.pod.node.path}] configureTerminationMessage`;
    if (!this.pod.containers.includes(container) && !this.pod.initContainers.includes(container)) {
      throw new Error(`${where}: container ${JSON.stringify(container.name ?? '')} is not a container of this workload ` +
        '(pass one of workload.containers or workload.initContainers)');
    }
    if (options.policy === undefined && options.path === undefined) {
      throw new Error(`${where}: give a policy, a path or both`);
    }
    if (options.path !== undefined && options.path.trim() === '') {
      throw new Error(`${where}: path: Invalid value: "": give the file the container writes its termination message to`);
    }
    (this.terminationMessages ??= new Map()).set(container, options);
  }

  /**
   * Acknowledges a synth-time warning of this workload: writes the annotation
   * `ignore-check.hostprocess.cdk8s.io/<ruleId>: <reason>` on the workload, which silences that
   * rule's warnings for it at synth and in `cdk8s-hostprocess lint` (where it is a suppression with
   * a justification). Only warnings can be acknowledged: an error is a manifest the API server, or
   * a HostProcess container, refuses.
   *
   * @param ruleId the rule's ID, as synth prints it (`(rule <id>)`) and `cdk8s-hostprocess rules` lists it
   * @param reason why the rule does not apply to this workload (not empty)
   */
  public acknowledge(ruleId: string, reason: string): void {
    const where = `[${this.pod.node.path}] acknowledge`;
    let annotation: { key: string; value: string };
    try {
      annotation = suppressionAnnotation(ruleId, reason);
    } catch (e) {
      throw new Error(`${where}: ${(e as Error).message}`);
    }
    const rule = RULES.get(ruleId)!;
    if (rule.severity !== 'warning') {
      throw new Error(`${where}: cannot acknowledge ${ruleId}: it is an error, not a warning (a manifest that breaks it is ` +
        `refused); fix the field it names instead (${rule.remediation})`);
    }
    this.pod.metadata.addAnnotation(annotation.key, annotation.value);
  }

  /**
   * The HostProcess pod spec for a pod spec kplus wrote.
   *
   * @internal
   */
  public _podSpec(kplusSpec: PodSpec): PodSpec {
    return hostProcessPodSpec(kplusSpec, this.options());
  }

  /**
   * The workload's pod spec, for its `_toPodSpec()`. Building it is most of what the synth check
   * costs, so `app.synth()` and `app.synthYaml()` build it once, not twice: cdk8s writes each chart
   * right after a validation pass that continues the synthesis (./synthesis.ts), which the check
   * of the first pass succeeded in, with no user code in between; there the spec that check built
   * is the one written. Anywhere else (`Testing.synth`, `node.validate()` by hand, `toJson()` after
   * a synth that failed), it is built from `kplusSpec()`. Used once: a later call builds again.
   *
   * @internal
   */
  public _writtenPodSpec(kplusSpec: () => PodSpec): PodSpec {
    const built = this.built;
    this.built = undefined;
    if (built !== undefined && built.confirmed !== undefined) {
      const now = currentPass(this.pod);
      if (now.continues && now.pass === built.confirmed) {
        return built.spec;
      }
    }
    return this._podSpec(kplusSpec());
  }

  /**
   * Every finding for the workload's current state: what the user set and HostProcess cannot
   * honour, then the rules engine on the pod spec of the manifest as it will be written. The two
   * look at different things (the written spec no longer has what intent findings report); should
   * the same rule still be reported for the same field by both, the intent finding, which names
   * the prop to change, is kept.
   */
  private findings(podSpec: unknown, annotations: unknown): Finding[] {
    const intent = intentFindings(this.options(), this.fieldPrefix);
    const engine = validatePodSpec(podSpec, this.fieldPrefix, annotations);
    if (intent.length === 0) {
      return engine;
    }
    const key = (f: Finding) => `${f.rule}\u0000${f.field}`;
    const reported = new Set(intent.map(key));
    return [...intent, ...engine.filter(f => !reported.has(key(f)))];
  }

  /**
   * The pod spec of the workload's manifest as `cdk8s synth` writes it: the JSON of its API object,
   * after the escape-hatch patches (`ApiObject.of(workload).addJsonPatch(...)`), so that a patch
   * that breaks the HostProcess pod fails synth as a prop would; and a finding for each field a
   * patch writes that the line's typed classes drop; with the pod's annotations, which some rules
   * read (`microsoft.com/hostprocess-inherit-user`). `built`: the pod spec is the one kplus builds
   * for the manifest (no patches), not a copy read from the API object's JSON.
   */
  private written(): { podSpec: unknown; annotations: unknown; ownAnnotations: unknown; dropped: Finding[]; built: boolean } {
    const apiObject = ApiObject.of(this.pod);
    // Serializing the whole object costs as much as synth itself; without escape-hatch patches the
    // pod spec kplus builds is the one written, and is all the checks read.
    if (!hasPatches(apiObject)) {
      const annotations = annotationsOf(this.pod.podMetadata);
      const ownAnnotations = this.pod.podMetadata === this.pod.metadata ? annotations : annotationsOf(this.pod.metadata);
      return { podSpec: this.pod._toPodSpec(), annotations, ownAnnotations, dropped: [], built: true };
    }
    const { json, dropped } = writtenJson(apiObject);
    const pod = podSpecsOf(json).find(p => p.prefix === this.fieldPrefix);
    return { podSpec: pod?.spec ?? {}, annotations: pod?.annotations, ownAnnotations: json?.metadata?.annotations, dropped, built: false };
  }

  // Synth-time validation of the workload's (HostProcess) pod spec and of its namespace's Pod
  // Security level, all problems at once: one validation, which cdk8s runs for the workload in each
  // pass, and which checks once per synth (./synthesis.ts).
  private validate(): void {
    const pod = this.pod;
    countPasses(pod);
    pod.node.addValidation({
      validate: () => {
        // Once per synth: the later passes of the same synth see the same app (./synthesis.ts).
        const pass = currentPass(pod);
        if (stillHolds(this.checked?.pass, pass)) {
          if (this.built !== undefined && pass.continues) {
            this.built.confirmed = pass.pass;
          }
          return this.checked!.errors;
        }
        this.checking = this.options();
        try {
          const own = this.check();
          const namespace = podSecurityErrors(pod, pod.metadata.namespace, pass);
          const errors = namespace.length === 0 ? own : own.concat(namespace);
          this.checked = { pass, errors };
          return errors;
        } finally {
          this.checking = undefined;
        }
      },
    });
  }

  /** The check of the HostProcess pod spec: its errors; prints its warnings. */
  private check(): string[] {
    const pod = this.pod;
    const spread = spreads(pod);
    const written = spread ? withoutSpread(pod, () => this.written()) : this.written();
    // The spec built here is the one cdk8s writes next, unless it is a copy read from the API
    // object's JSON (patches) or kplus' `spread`, turned off here, adds terms to the one written.
    this.built = written.built && !spread ? { spec: written.podSpec as PodSpec } : undefined;
    const suppressions = this.suppressions(written.ownAnnotations, written.annotations);
    const found = this.findings(written.podSpec, written.annotations);
    const all = written.dropped.length === 0 && suppressions.findings.length === 0
      ? found : [...written.dropped, ...found, ...suppressions.findings];
    // An acknowledged warning is silent; an error cannot be acknowledged (see acknowledge()).
    const findings = suppressions.byRule.size === 0 ? all
      : all.filter(f => f.severity === Severity.ERROR || !suppressions.byRule.has(f.rule));
    if (findings.length === 0) {
      return [];
    }
    if (failsOnWarnings(pod)) {
      return findings.map(f => f.severity === Severity.ERROR ? formatSynthFinding(f) : `${formatSynthFinding(f)} ${FATAL}`);
    }
    // Warnings do not fail synth; each is printed once, not again by a later synth.
    for (const f of findings.filter(w => w.severity === Severity.WARNING)) {
      const line = `Warning: [${pod.node.path}] ${formatSynthFinding(f)}`;
      this.warned ??= new Set();
      if (!this.warned.has(line)) {
        this.warned.add(line);
        console.warn(line);
      }
    }
    return findings.filter(f => f.severity === Severity.ERROR).map(formatSynthFinding);
  }

  /**
   * The suppressions of the workload's annotations, as the lint reads them
   * (core/rules/suppression.ts): its own metadata's first, then its pod template's.
   */
  private suppressions(own: unknown, pod: unknown): Suppressions {
    if (own === undefined && pod === undefined) {
      return NO_SUPPRESSIONS;
    }
    return mergeSuppressions(own === pod
      ? [parseSuppressions(own, 'metadata.annotations')]
      : [parseSuppressions(own, 'metadata.annotations'), parseSuppressions(pod, podAnnotationsField(this.fieldPrefix))]);
  }

  private intentOf(container: kplus.Container): ContainerIntent {
    const message = this.terminationMessages?.get(container);
    const intent = containerIntent(container);
    return message === undefined ? intent
      : { ...intent, terminationMessagePolicy: message.policy, terminationMessagePath: message.path };
  }

  private options(): HostProcessSpecOptions {
    if (this.checking !== undefined) {
      return this.checking;
    }
    const selector: { [key: string]: string } = { ...this.nodeSelectorEntries };
    if (this.windowsBuild) {
      selector[WindowsBuild.LABEL] = this.windowsBuild.buildNumber;
    }
    return {
      runAsUserName: this.user.runAsUserName,
      nodeSelector: selector,
      priorityClassName: this.priorityClassName,
      podOs: this.podOs,
      containerWindowsOptions: this.containerWindowsOptions,
      pod: {
        hostNetwork: this.props.hostNetwork,
        securityContext: this.props.securityContext,
        dnsPolicySet: this.props.dns?.policy !== undefined,
        nodeSelector: this.nodeSelectorEntries,
        windowsBuild: this.windowsBuild?.buildNumber,
        shareProcessNamespace: podShareProcessNamespace(this.props),
        serviceAccountTokenDefault: this.pod.serviceAccount !== undefined && this.props.automountServiceAccountToken === undefined,
      },
      containers: this.pod.containers.map(c => this.intentOf(c)),
      initContainers: this.pod.initContainers.map(c => this.intentOf(c)),
    };
  }
}

/** The field of the pod's annotations for the pod spec at `fieldPrefix`: a Pod's own, else its template's. */
function podAnnotationsField(fieldPrefix: string): string {
  const template = fieldPrefix.split('.').slice(0, -1);
  return template.length === 0 ? 'metadata.annotations' : `${template.join('.')}.metadata.annotations`;
}

/** The suppressions of a workload without annotations. */
const NO_SUPPRESSIONS: Suppressions = { byRule: new Map(), findings: [] };

/**
 * Runs `fn` with kplus' `spread` turned off. kplus applies `spread` by adding scheduling terms
 * each time it builds the pod spec; validation builds it too, and must not add them twice.
 */
function withoutSpread<T>(workload: kplus.AbstractPod, fn: () => T): T {
  const w = workload as unknown as { spread?: boolean };
  const spread = w.spread;
  if (!spread) {
    return fn();
  }
  w.spread = false;
  try {
    return fn();
  } finally {
    w.spread = spread;
  }
}

/** Whether kplus' `spread` is on for `workload` (a Deployment's `spread` prop). */
function spreads(workload: kplus.AbstractPod): boolean {
  return Boolean((workload as unknown as { spread?: boolean }).spread);
}
