// A pod spec as props of a HostProcess construct. Every field is either written as typed code, kept
// through an escape hatch (a JSON patch), or left out with a reason: the functions here (and in
// container.ts, scheduling.ts and volumes.ts) take each field they write out of `rest`, and
// whatever is left is patched.
import { Code, code, enumTable, isObject, str } from './code';
import { containerList } from './container';
import { Program, fieldName } from './emit';
import { Json, Leftovers, Path, PodProps, WINDOWS_REJECTS, asArray, take } from './leftovers';
import { affinityCode, nodeSelector, tolerations } from './scheduling';
import { podVolumes } from './volumes';
import { ruleMessage } from '../rules/catalog';
import { HOST_NAMESPACE, HOST_NAMESPACE_FIELDS } from '../validation/linux-only-fields';
import { forbiddenPodFields } from '../validation/pod-os';
import { HostProcessUser } from '../windows/host-process-user';

export { Leftovers, PodProps, SELF, take } from './leftovers';

/** The user for a runAsUserName: a named account, a local group, or `HostProcessUser.of`. */
export function userCode(program: Program, runAsUserName: string): Code {
  const user = program.lib('HostProcessUser');
  for (const name of ['SYSTEM', 'LOCAL_SERVICE', 'NETWORK_SERVICE'] as const) {
    if (HostProcessUser[name].runAsUserName === runAsUserName) {
      return code(`${user}.${name}`);
    }
  }
  if (!runAsUserName.includes('\\')) {
    return code(`${user}.localGroup(${str(runAsUserName)})`);
  }
  return code(`${user}.of(${str(runAsUserName)})`);
}


/**
 * Converts the pod spec at `path` (a deep copy, consumed) into construct props; `path` is also
 * where the pod spec is in the synthesized manifest, which the escape-hatch patches point into.
 */
export function podProps(program: Program, spec: Json, path: Path, leftovers: Leftovers): PodProps {
  const props: Json = {};
  const after: string[] = [];

  // Pod-level windowsOptions: hostProcess and the account become `user`; the rest is checked below.
  const securityContext: Json = isObject(spec.securityContext) ? spec.securityContext : {};
  delete spec.securityContext;
  const windowsOptions: Json = isObject(securityContext.windowsOptions) ? securityContext.windowsOptions : {};
  delete securityContext.windowsOptions;
  const podHostProcess = take(windowsOptions, 'hostProcess');
  let runAsUserName: string | undefined = take(windowsOptions, 'runAsUserName');
  const containers = asArray(spec.containers);
  const initContainers = asArray(spec.initContainers);
  if (runAsUserName === undefined) {
    // Only the containers name the account: when they agree, it is the pod's.
    const names = new Set([...containers, ...initContainers].map(c => c?.securityContext?.windowsOptions?.runAsUserName));
    if (names.size === 1 && [...names][0] !== undefined) {
      runAsUserName = [...names][0];
    }
  }
  // Every container repeating exactly the pod's windowsOptions is the containerWindowsOptions prop.
  const all = [...containers, ...initContainers];
  const repeated = runAsUserName !== undefined && all.length > 0 && all.every(c => {
    const wo = c?.securityContext?.windowsOptions;
    return isObject(wo) && Object.keys(wo).length === 2 && wo.hostProcess === true && wo.runAsUserName === runAsUserName;
  });
  if (repeated) {
    props.containerWindowsOptions = true;
  }
  if (podHostProcess === false) {
    leftovers.leaveOut([...path, 'securityContext', 'windowsOptions', 'hostProcess'],
      'every container of a HostProcess pod runs as a host process; the library writes hostProcess: true at pod level');
  }
  if (runAsUserName !== undefined) {
    props.user = userCode(program, runAsUserName);
  } else {
    leftovers.notes.push({
      field: fieldName([...path, 'securityContext', 'windowsOptions', 'runAsUserName']),
      handling: 'added',
      message: 'not set in the input: the program writes NT AUTHORITY\\SYSTEM (the default of the user prop); set user to choose another account',
    });
  }
  for (const [k, v] of Object.entries(windowsOptions)) {
    leftovers.keep([...path, 'securityContext', 'windowsOptions', k], v);
  }
  leaveOutWindowsForbidden(spec, securityContext, path, leftovers);
  if (securityContext.runAsNonRoot === false) {
    delete securityContext.runAsNonRoot;
    props.securityContext = { ensureNonRoot: false };
  }
  leftovers.keepRest(securityContext, [...path, 'securityContext']);

  const hostNetwork = take(spec, 'hostNetwork');
  if (hostNetwork === false) {
    leftovers.leaveOut([...path, 'hostNetwork'], 'the API server rejects hostNetwork: false when a pod has a HostProcess container ' +
      `(\`${ruleMessage('host-process-host-network')}\`, validateWindowsHostProcessPod in validation.go@v1.35.4); ` +
      'the library writes true');
  }
  const os = take(spec, 'os');
  if (isObject(os) && os.name !== undefined && os.name !== 'windows') {
    leftovers.leaveOut([...path, 'os', 'name'], `a HostProcess pod runs on Windows; the library writes os.name: windows (was ${JSON.stringify(os.name)})`);
  }

  nodeSelector(program, take(spec, 'nodeSelector'), [...path, 'nodeSelector'], props, leftovers);
  if (typeof spec.priorityClassName === 'string') {
    props.priorityClassName = take(spec, 'priorityClassName');
  }
  if (typeof spec.serviceAccountName === 'string' && (spec.serviceAccount === undefined || spec.serviceAccount === spec.serviceAccountName)) {
    const name = take(spec, 'serviceAccountName');
    props.serviceAccount = program.ref('ServiceAccount', name);
  }
  if (spec.serviceAccount !== undefined) {
    // kplus writes serviceAccountName only; the older spelling is kept as the input has it.
    leftovers.keep([...path, 'serviceAccount'], take(spec, 'serviceAccount'),
      'the deprecated spelling of serviceAccountName (DeprecatedServiceAccount, k8s.io/api core/v1/types.go@v0.37.2), which the library does not write');
  }
  if (typeof spec.automountServiceAccountToken === 'boolean') {
    props.automountServiceAccountToken = take(spec, 'automountServiceAccountToken');
  } else if (props.serviceAccount === undefined) {
    // Without a service account kplus writes false; the API server would mount the default
    // service account's token (shouldAutomount: pod field, then the ServiceAccount's, else true;
    // plugin/pkg/admission/serviceaccount/admission.go in kubernetes, commit 15816b38).
    props.automountServiceAccountToken = true;
  }
  if (Number.isInteger(spec.terminationGracePeriodSeconds) && spec.terminationGracePeriodSeconds >= 0) {
    props.terminationGracePeriod = code(`${program.cdk8s('Duration')}.seconds(${take(spec, 'terminationGracePeriodSeconds')})`);
  }
  const RESTART = enumTable({ Always: 'ALWAYS', OnFailure: 'ON_FAILURE', Never: 'NEVER' });
  if (typeof spec.restartPolicy === 'string' && RESTART[spec.restartPolicy]) {
    props.restartPolicy = code(program.kp(`RestartPolicy.${RESTART[take(spec, 'restartPolicy')]}`));
  }
  const DNS: Json = { ClusterFirst: 'CLUSTER_FIRST', ClusterFirstWithHostNet: 'CLUSTER_FIRST_WITH_HOST_NET', Default: 'DEFAULT', None: 'NONE' };
  // kplus refuses policy NONE without nameservers in its own props ("When dns policy is set to NONE,
  // at least one nameserver is required", PodDns in cdk8s-plus-27 lib/pod.js@2.9.5): None and the
  // input's dnsConfig are kept through the escape hatch as written.
  if (typeof spec.dnsPolicy === 'string' && DNS[spec.dnsPolicy] && spec.dnsPolicy !== 'None') {
    props.dns = { policy: code(program.kp(`DnsPolicy.${DNS[take(spec, 'dnsPolicy')]}`)) };
  }
  // kplus writes setHostnameAsFQDN: false when not told (PodDns in cdk8s-plus-27 lib/pod.js@2.9.5:
  // `props.hostnameAsFQDN ?? false`); the API server sets no value of its own, and reads none as
  // false ("Default to false", PodSpec.SetHostnameAsFQDN in k8s.io/api core/v1/types.go@v0.37.2;
  // SetDefaults_PodSpec in kubernetes pkg/apis/core/v1/defaults.go@v1.37.2 does not set it): an input
  // false is what kplus writes anyway (ADDITIONS), true is the typed prop.
  if (spec.setHostnameAsFQDN === false) {
    delete spec.setHostnameAsFQDN;
  } else if (spec.setHostnameAsFQDN === true) {
    delete spec.setHostnameAsFQDN;
    props.dns = { ...(props.dns ?? {}), hostnameAsFQDN: true };
  }
  const pullSecrets = spec.imagePullSecrets;
  if (Array.isArray(pullSecrets) && pullSecrets.length === 1 && isObject(pullSecrets[0]) && Object.keys(pullSecrets[0]).join() === 'name') {
    delete spec.imagePullSecrets;
    props.dockerRegistryAuth = program.ref('Secret', String(pullSecrets[0].name));
  }
  tolerations(program, spec, path, after, leftovers);
  const attract = affinityCode(program, spec.affinity);
  if (attract !== undefined) {
    delete spec.affinity;
    after.push(...attract);
  }

  const volumes = podVolumes(program, spec, path, props, leftovers);
  props.containers = containerList(program, take(spec, 'containers'), [...path, 'containers'], volumes, repeated, leftovers);
  if (initContainers.length > 0) {
    props.initContainers = containerList(program, take(spec, 'initContainers'), [...path, 'initContainers'], volumes, repeated, leftovers);
  }
  leftovers.keepRest(spec, path);
  return { props, after, patches: leftovers.patches, notes: leftovers.notes };
}

/**
 * Leaves out the pod fields validateWindows forbids, as the engine decides it: its table and its
 * conditions (`hostPID: false` and `sysctls: []` pass, and are kept).
 */
function leaveOutWindowsForbidden(spec: Json, securityContext: Json, path: Path, leftovers: Leftovers): void {
  for (const field of forbiddenPodFields({ ...spec, securityContext })) {
    const inSecurityContext = field.startsWith('securityContext.');
    const key = inSecurityContext ? field.slice('securityContext.'.length) : field;
    const why = HOST_NAMESPACE_FIELDS.includes(field) ? `${WINDOWS_REJECTS}; ${HOST_NAMESPACE(field)}` : WINDOWS_REJECTS;
    leftovers.leaveOut(inSecurityContext ? [...path, 'securityContext', key] : [...path, key], why);
    delete (inSecurityContext ? securityContext : spec)[key];
  }
}
