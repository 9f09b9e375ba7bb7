// Probes and lifecycle hooks: each has exactly one handler, and each handler's own fields (kubernetes
// pkg/apis/core/validation/validation.go@v1.37.2: validateHandler, validateExecAction,
// validateHTTPGetAction, validateTCPSocketAction, validateGRPCAction, ValidatePortNumOrName,
// validateSleepAction, validateLifecycle, validateProbe, validateLivenessProbe,
// validateReadinessProbe, validateStartupProbe). The values are the defaulted ones the API server
// validates: an unset httpGet path or scheme, probe period, timeout and thresholds are defaults.
import { Finding } from './finding';
import { PORT_RANGE, isValidPortNumber } from './names';
import { portNameProblems } from './probe-ports';
import { finding, forbidden, invalid, isSet, required } from './util';

/** The handler types a probe can have, in the order validateHandler tries them. */
const PROBE_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'] as const;
/** The handler types a lifecycle hook can have, in the same order. */
const HOOK_HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'sleep'] as const;

/** The probes of a container, in the order validateContainers checks them. */
export const PROBES = ['livenessProbe', 'readinessProbe', 'startupProbe'] as const;

/**
 * The lifecycle hooks of a container (`lifecycle` at `path`). `gracePeriod` is the pod's
 * terminationGracePeriodSeconds as defaulted, which a sleep may not exceed.
 */
export function lifecycleFindings(lifecycle: any, path: string, gracePeriod: number, findings: Finding[]): void {
  if (lifecycle === null || typeof lifecycle !== 'object') return;
  for (const hook of ['postStart', 'preStop'] as const) {
    if (isSet(lifecycle[hook])) handlerFindings(lifecycle[hook], `${path}.${hook}`, HOOK_HANDLERS, gracePeriod, findings);
  }
}

/** One probe of a container (`probe` is `livenessProbe`, `readinessProbe` or `startupProbe`). */
export function probeFindings(value: any, probe: typeof PROBES[number], path: string, findings: Finding[]): void {
  if (value === null || typeof value !== 'object') return;
  handlerFindings(value, path, PROBE_HANDLERS, 0, findings);
  // ValidateNonnegativeField on each; an unset (0) timeout, period or threshold is defaulted.
  for (const field of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    const n = value[field];
    if (typeof n === 'number' && n < 0) {
      findings.push(finding('probe-settings-invalid', `${path}.${field}`, invalid(n, 'must be greater than or equal to 0')));
    }
  }
  const grace = value.terminationGracePeriodSeconds;
  if (typeof grace === 'number' && grace <= 0) {
    findings.push(finding('probe-settings-invalid', `${path}.terminationGracePeriodSeconds`, invalid(grace, 'must be greater than 0')));
  }
  const success = typeof value.successThreshold === 'number' && value.successThreshold !== 0 ? value.successThreshold : 1;
  if (probe !== 'readinessProbe' && success !== 1) {
    findings.push(finding('probe-settings-invalid', `${path}.successThreshold`, invalid(success, 'must be 1')));
  }
  if (probe === 'readinessProbe' && typeof grace === 'number') {
    findings.push(finding('probe-settings-invalid', `${path}.terminationGracePeriodSeconds`, invalid(grace, 'must not be set for readinessProbes')));
  }
}

function handlerFindings(handler: any, path: string, types: readonly string[], gracePeriod: number, findings: Finding[]): void {
  let found = 0;
  for (const type of types) {
    const action = handler[type];
    if (!isSet(action)) continue;
    if (found > 0) {
      findings.push(finding('handler-type-multiple', `${path}.${type}`, forbidden('may not specify more than 1 handler type')));
      continue;
    }
    found++;
    const at = `${path}.${type}`;
    switch (type) {
      case 'exec':
        if (!Array.isArray(action.command) || action.command.length === 0) {
          findings.push(finding('handler-exec-command-required', `${at}.command`, required()));
        }
        break;
      case 'httpGet':
      case 'tcpSocket':
        portFindings(action.port, `${at}.port`, findings);
        break;
      case 'grpc':
        // An int32, not a name: unset is 0.
        portFindings(typeof action.port === 'number' ? action.port : 0, `${at}.port`, findings);
        break;
      case 'sleep': {
        const seconds = typeof action.seconds === 'number' ? action.seconds : 0;
        if (seconds < 0 || seconds > gracePeriod) {
          findings.push(finding('lifecycle-sleep-seconds-invalid', at,
            invalid(seconds, `must be non-negative and less than terminationGracePeriodSeconds (${gracePeriod})`)));
        }
        break;
      }
    }
  }
  if (found === 0) findings.push(finding('handler-type-required', path, required('must specify a handler type')));
}

/** ValidatePortNumOrName: a number in range, or a valid port name; unset is the number 0. */
function portFindings(port: unknown, path: string, findings: Finding[]): void {
  // A cdk8s k8s.IntOrString holds its value in `value`.
  const value = port !== null && typeof port === 'object' && 'value' in port ? (port as { value: unknown }).value : port ?? 0;
  if (typeof value === 'number') {
    if (!isValidPortNumber(value)) findings.push(finding('handler-port-invalid', path, invalid(value, PORT_RANGE)));
  } else if (typeof value === 'string') {
    for (const problem of portNameProblems(value)) findings.push(finding('handler-port-invalid', path, invalid(value, problem)));
  }
}
