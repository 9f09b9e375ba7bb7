import * as kplus from './kplus';
import { containerSeccompProfile } from './line-props';
import { ContainerIntent, HostProcessSpecOptions, OS_LABEL } from './pod-spec';
import { ruleMessage } from '../core/rules/catalog';
import { Finding } from '../core/validation/finding';
import { CONTAINER_FORBIDDEN_PROPS, POD_FORBIDDEN_PROPS, WINDOWS_FORBIDDEN, setsForbiddenProp } from '../core/validation/pod-os';
import { finding, goQuote, invalid } from '../core/validation/util';
import { WindowsBuild } from '../core/windows/windows-build';

const BUILD_LABEL = WindowsBuild.LABEL;
const NON_ROOT = invalid(true,
  `${ruleMessage('host-process-run-as-non-root')} ` +
  '(cdk8s-hostprocess rule from the Kubernetes HostProcess documentation; the API server does not check it)');

/**
 * Reports what the user asked for explicitly and a HostProcess pod cannot honour. Pure.
 *
 * @param options the same options `hostProcessPodSpec` takes
 * @param prefix where the pod spec sits in the manifest (`spec`, `spec.template.spec`, ...)
 */
export function intentFindings(options: HostProcessSpecOptions, prefix: string): Finding[] {
  const findings: Finding[] = [];
  const pod = options.pod;
  if (pod.hostNetwork === false) {
    findings.push(finding('host-process-host-network', `${prefix}.hostNetwork`,
      invalid(false, `${ruleMessage('host-process-host-network')} ` +
      '(HostProcess pods always use the host network; remove hostNetwork: false)')));
  }
  const osSelector = pod.nodeSelector?.[OS_LABEL];
  if (osSelector !== undefined && osSelector !== 'windows') {
    findings.push(finding('host-process-node-selector-os', `${prefix}.nodeSelector[${OS_LABEL}]`,
      invalid(osSelector, 'HostProcess containers run only on Windows nodes ' +
      `(remove ${OS_LABEL} from nodeSelector; the library selects windows)`)));
  }
  const buildSelector = pod.nodeSelector?.[BUILD_LABEL];
  if (pod.windowsBuild !== undefined && buildSelector !== undefined && buildSelector !== pod.windowsBuild) {
    findings.push(finding('host-process-windows-build-conflict', `${prefix}.nodeSelector[${BUILD_LABEL}]`,
      invalid(buildSelector, `the windowsBuild prop selects ${goQuote(pod.windowsBuild)} ` +
      `(set the build in one place: remove ${BUILD_LABEL} from nodeSelector or the windowsBuild prop)`)));
  }

  const sc = pod.securityContext ?? {};
  const podField = `${prefix}.securityContext`;
  const forbidden = forbiddenText(options.podOs, false);
  const forbid = (field: string, what: string, fix: string) =>
    findings.push(finding('windows-pod-forbidden-field', `${podField}.${field}`, `${forbidden} (${what}; ${fix})`));
  for (const entry of POD_FORBIDDEN_PROPS) {
    if (setsForbiddenProp(sc as { [prop: string]: unknown }, entry)) forbid(entry.field, entry.why, entry.fix);
  }
  // validateWindows (pkg/apis/core/validation/validation.go@v1.35.4) rejects a non-nil
  // shareProcessNamespace, so false too.
  if (pod.shareProcessNamespace !== undefined) {
    findings.push(finding('windows-pod-forbidden-field', `${prefix}.shareProcessNamespace`,
      `${forbiddenText(options.podOs, false)} (the API server rejects it for a windows pod, false too; remove shareProcessNamespace)`));
  }
  if (sc.ensureNonRoot === true) {
    findings.push(finding('host-process-run-as-non-root', `${podField}.runAsNonRoot`, `${NON_ROOT}; remove securityContext.ensureNonRoot or set it to false`));
  }

  const containerForbidden = forbiddenText(options.podOs, true);
  options.initContainers.forEach((c, i) => findings.push(...containerFindings(c, `${prefix}.initContainers[${i}]`, containerForbidden)));
  options.containers.forEach((c, i) => findings.push(...containerFindings(c, `${prefix}.containers[${i}]`, containerForbidden)));
  return findings;
}

/**
 * How a refused Linux-only field is reported. With `spec.os.name: windows` it is the API server's
 * own error; with `podOs: false` the API server would accept the field, so the message says why the
 * library refuses it all the same.
 */
function forbiddenText(podOs: boolean, container: boolean): string {
  if (podOs) {
    return WINDOWS_FORBIDDEN;
  }
  // A Windows kubelet passes only runAsUserName, gmsaCredentialSpec and hostProcess of a container's
  // securityContext to the runtime (generateWindowsContainerConfig in kubernetes
  // pkg/kubelet/kuberuntime/kuberuntime_container_windows.go, read in the v1.32.10 tree vendored by
  // kubeedge/kubeedge v1.23.1).
  const ignored = container
    ? '; a Windows kubelet passes only runAsUserName, gmsaCredentialSpec and hostProcess of a container\'s securityContext to the container runtime'
    : '';
  return 'Forbidden: cannot be set on a HostProcess pod: the API server rejects it for a windows pod and accepts it here only ' +
    `because podOs: false leaves spec.os out${ignored}`;
}

function containerFindings(intent: ContainerIntent, path: string, forbidden: string): Finding[] {
  // Without a security context nothing below is set (the usual case, checked once per workload).
  if (intent.securityContext === undefined) return [];
  const sc: kplus.ContainerSecurityContextProps = intent.securityContext;
  const field = `${path}.securityContext`;
  const findings: Finding[] = [];
  const forbid = (name: string, what: string, fix: string) =>
    findings.push(finding('windows-pod-forbidden-field', `${field}.${name}`, `${forbidden} (${what}; ${fix})`));
  // seccompProfile is a prop of cdk8s-plus 28+ only: read through line-props.
  const props = { ...sc, seccompProfile: containerSeccompProfile(sc) } as { [prop: string]: unknown };
  for (const entry of CONTAINER_FORBIDDEN_PROPS) {
    if (setsForbiddenProp(props, entry)) forbid(entry.field, entry.why, entry.fix);
  }
  if (sc.ensureNonRoot === true) {
    findings.push(finding('host-process-run-as-non-root', `${field}.runAsNonRoot`, `${NON_ROOT}; remove securityContext.ensureNonRoot or set it to false`));
  }
  return findings;
}
