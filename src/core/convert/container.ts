// One container as the kplus props of a HostProcess construct: name, image, command and args,
// env, ports, resources, probes and mounts; what has no prop is kept or left out.
import { Code, call, code, enumTable, isObject, literal, str } from './code';
import { Program, fieldName } from './emit';
import { Json, Leftovers, Path, WINDOWS_REJECTS, isStringList, take } from './leftovers';
import { TypedVolume, mountsCode } from './volumes';
import { ruleMessage } from '../rules/catalog';
import { CONTAINER_FIELDS } from '../validation/pod-os';
import { Cmd } from '../windows/cmd';
import { PowerShell } from '../windows/powershell';

export function containerList(program: Program, list: any, path: Path, volumes: Map<string, TypedVolume>,
  repeated: boolean, leftovers: Leftovers): any[] {
  if (!Array.isArray(list)) {
    return [];
  }
  return list.map((c, i) => containerProps(program, isObject(c) ? { ...c } : {}, [...path, i], volumes, repeated, leftovers));
}

function containerProps(program: Program, c: Json, path: Path, volumes: Map<string, TypedVolume>,
  repeated: boolean, leftovers: Leftovers): Json {
  const props: Json = {};
  for (const k of ['name', 'image', 'workingDir'] as const) {
    if (typeof c[k] === 'string') props[k] = take(c, k);
  }
  const command = commandCode(program, c.command);
  if (command) {
    props.command = command;
    delete c.command;
  } else if (isStringList(c.command)) {
    props.command = take(c, 'command');
  }
  if (isStringList(c.args)) props.args = take(c, 'args');

  const PULL: Json = { Always: 'ALWAYS', IfNotPresent: 'IF_NOT_PRESENT', Never: 'NEVER' };
  const pull = typeof c.imagePullPolicy === 'string' ? c.imagePullPolicy : undefined;
  if (pull === undefined || PULL[pull]) {
    delete c.imagePullPolicy;
    // kplus writes Always when not told; the API server's default depends on the tag.
    props.imagePullPolicy = code(program.kp(`ImagePullPolicy.${PULL[pull ?? defaultPullPolicy(String(props.image ?? ''))]}`));
  }

  const env = envCode(program, c.env);
  if (env !== undefined) {
    delete c.env;
    if (Object.keys(env).length > 0) props.envVariables = env;
  }
  const ports = portsCode(program, c.ports);
  if (ports !== undefined) {
    delete c.ports;
    if (ports.length > 0) props.ports = ports;
  }
  const resources = resourcesCode(program, c.resources);
  if (resources !== undefined) {
    delete c.resources;
    props.resources = resources;
  } else {
    // Kept by patch below; `{}` stops the library writing its default requests first.
    props.resources = {};
  }
  // A sidecar (an init container with a restartPolicy): kplus refuses probes on an init container
  // whose props have no restartPolicy: Always (addInitContainer in cdk8s-plus-27 and -28
  // lib/pod.js@2.9.5 throws "Init containers must not have a readiness probe"), and the props never
  // have it (the restartPolicy is kept through the escape hatch), so its probes are kept that way
  // too; on a line whose typed classes drop the restartPolicy (it is left out, naming the first
  // line that writes it), its probes and hooks are left out with it: the API server refuses them on
  // an init container without restartPolicy: Always.
  const sidecar = path.includes('initContainers') && c.restartPolicy !== undefined;
  if (sidecar && !leftovers.writes([...path, 'restartPolicy'], c.restartPolicy)) {
    for (const field of ['livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle']) {
      if (c[field] === undefined) continue;
      leftovers.leaveOut([...path, field], `the API server refuses it on an init container without restartPolicy: Always, and cdk8s-plus-${program.line}'s typed classes drop the restartPolicy (see ${fieldName([...path, 'restartPolicy'])})`);
      delete c[field];
    }
  }
  for (const [field, prop] of [['livenessProbe', 'liveness'], ['readinessProbe', 'readiness'], ['startupProbe', 'startup']] as const) {
    const probe = c[field] === undefined || sidecar ? undefined : probeCode(program, c[field]);
    if (probe !== undefined) {
      delete c[field];
      props[prop] = probe;
    }
  }
  const mounts = mountsCode(program, c.volumeMounts, volumes);
  if (mounts !== undefined) {
    delete c.volumeMounts;
    if (mounts.length > 0) props.volumeMounts = mounts;
  }

  const sc: Json = isObject(c.securityContext) ? { ...c.securityContext } : {};
  if (c.securityContext !== undefined) {
    delete c.securityContext;
    for (const field of CONTAINER_FIELDS) {
      if (sc[field] !== undefined) {
        leftovers.leaveOut([...path, 'securityContext', field], WINDOWS_REJECTS);
        delete sc[field];
      }
    }
    // Written by containerWindowsOptions when every container repeats the pod's; else kept as is.
    const wo: Json = repeated || !isObject(sc.windowsOptions) ? {} : { ...sc.windowsOptions };
    delete sc.windowsOptions;
    if (wo.hostProcess === false) {
      leftovers.leaveOut([...path, 'securityContext', 'windowsOptions', 'hostProcess'],
        `the API server rejects a pod whose containers disagree on hostProcess (\`${ruleMessage('host-process-all-containers')}\`, validation.go@v1.35.4); the library writes the pod-level true`);
      delete wo.hostProcess;
    }
    if (sc.runAsNonRoot === false) {
      delete sc.runAsNonRoot;
      props.securityContext = { ensureNonRoot: false };
    }
    // The library writes a container's securityContext only for containerWindowsOptions (then with
    // windowsOptions) or ensureNonRoot: false (src/plus/pod-spec.ts hostProcessContainer); a patch
    // under an object the output lacks cannot apply, so the missing object is patched whole.
    const written = repeated || props.securityContext !== undefined;
    if (!written) {
      const whole: Json = { ...sc, ...(Object.keys(wo).length > 0 ? { windowsOptions: wo } : {}) };
      if (Object.keys(whole).length > 0) leftovers.keep([...path, 'securityContext'], whole);
    } else {
      // (wo is empty when repeated: containerWindowsOptions writes it.)
      if (Object.keys(wo).length > 0) leftovers.keep([...path, 'securityContext', 'windowsOptions'], wo);
      for (const [k, v] of Object.entries(sc)) leftovers.keep([...path, 'securityContext', k], v);
    }
  }
  leftovers.keepRest(c, path);
  return props;
}


/**
 * The library's command helpers, where one writes exactly the input's `command` (`args` stay as
 * they are): the helper is called and its output compared, so a match is exact by construction.
 */
function commandCode(program: Program, command: unknown): Code | undefined {
  if (!isStringList(command) || command.length === 0) return undefined;
  const same = (a: string[]) => a.length === command.length && a.every((s, i) => s === command[i]);
  const ps = () => program.lib('PowerShell');
  const last = command[command.length - 1];
  const candidates: [() => string, () => string[]][] = [];
  for (const [exe, exeCode] of [['powershell.exe', undefined], ['pwsh.exe', 'PWSH']] as const) {
    for (const unattended of [true, false]) {
      const text = () => {
        const options: Json = {};
        if (exeCode) options.executable = code(`${ps()}.${exeCode}`);
        if (!unattended) options.unattended = false;
        const opts = Object.keys(options).length > 0 ? `, ${literal(options)}` : '';
        return `${ps()}.command(${str(last)}${opts})`;
      };
      candidates.push([text, () => PowerShell.command(last, { executable: exe, unattended })]);
    }
  }
  candidates.push([() => `${program.lib('Cmd')}.run(${str(last)})`, () => Cmd.run(last)]);
  for (const [text, value] of candidates) {
    let out: string[];
    try {
      out = value();
    } catch {
      continue;
    }
    if (same(out)) {
      return code(text());
    }
  }
  return undefined;
}

/**
 * The API server's default pull policy: Always for the `latest` tag or no tag and no digest,
 * else IfNotPresent (SetDefaults_Container in kubernetes pkg/apis/core/v1/defaults.go and
 * ParseImageName in pkg/util/parsers/parsers.go@v1.35.4; an image that does not parse has no tag,
 * so IfNotPresent).
 */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  const at = image.indexOf('@');
  const name = at >= 0 ? image.slice(0, at) : image;
  const slash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const tag = colon > slash ? name.slice(colon + 1) : '';
  // distribution/reference: repository paths are lower case; an upper-case one does not parse.
  const repository = colon > slash ? name.slice(0, colon) : name;
  const path = repository.slice(repository.indexOf('/') + 1);
  if (image === '' || /[A-Z]/.test(repository.includes('/') ? path : repository)) return 'IfNotPresent';
  if (tag === '' && at < 0) return 'Always';
  return tag === 'latest' ? 'Always' : 'IfNotPresent';
}

const FIELD_PATHS = enumTable({
  'metadata.name': 'POD_NAME',
  'metadata.namespace': 'POD_NAMESPACE',
  'metadata.uid': 'POD_UID',
  'status.podIP': 'POD_IP',
  'spec.serviceAccountName': 'SERVICE_ACCOUNT_NAME',
  'spec.nodeName': 'NODE_NAME',
  'status.hostIP': 'NODE_IP',
  'status.podIPs': 'POD_IPS',
});

function envCode(program: Program, env: unknown): Json | undefined {
  if (env === undefined) return {};
  if (!Array.isArray(env)) return undefined;
  // Each value is written once every entry is known to be typed: a config map or secret reference
  // declared for an env list that is then kept whole would be an unused variable (strict tsc).
  const out: { [name: string]: () => Code } = {};
  for (const e of env) {
    if (!isObject(e) || typeof e.name !== 'string' || out[e.name] !== undefined || /^[0-9]+$/.test(e.name)) return undefined;
    const { name, value, valueFrom, ...other } = e as Json;
    if (Object.keys(other).length > 0) return undefined;
    const ev = program.kp('EnvValue');
    if (valueFrom === undefined) {
      if (typeof value !== 'string') return undefined;
      out[name] = () => code(`${ev}.fromValue(${str(value)})`);
      continue;
    }
    if (value !== undefined || !isObject(valueFrom) || Object.keys(valueFrom).length !== 1) return undefined;
    const { fieldRef, configMapKeyRef, secretKeyRef } = valueFrom as Json;
    if (isObject(fieldRef)) {
      const { fieldPath, apiVersion, ...more } = fieldRef;
      if (Object.keys(more).length > 0 || typeof fieldPath !== 'string' || !FIELD_PATHS[fieldPath]) return undefined;
      if (apiVersion !== undefined && typeof apiVersion !== 'string') return undefined;
      const opts = apiVersion === undefined ? '' : `, { apiVersion: ${str(apiVersion)} }`;
      out[name] = () => code(`${ev}.fromFieldRef(${program.kp(`EnvFieldPaths.${FIELD_PATHS[fieldPath]}`)}${opts})`);
    } else if (isObject(configMapKeyRef) || isObject(secretKeyRef)) {
      const ref = (configMapKeyRef ?? secretKeyRef) as Json;
      const { name: refName, key, optional, ...more } = ref;
      if (Object.keys(more).length > 0 || typeof refName !== 'string' || typeof key !== 'string') return undefined;
      if (optional !== undefined && typeof optional !== 'boolean') return undefined;
      if (configMapKeyRef) {
        out[name] = () => call(`${ev}.fromConfigMap`, program.ref('ConfigMap', refName), key, ...(optional === undefined ? [] : [{ optional }]));
      } else {
        out[name] = () => call(`${ev}.fromSecretValue`, { secret: program.ref('Secret', refName), key }, ...(optional === undefined ? [] : [{ optional }]));
      }
    } else {
      return undefined;
    }
  }
  return Object.fromEntries(Object.entries(out).map(([name, value]) => [name, value()]));
}

function portsCode(program: Program, ports: unknown): Json[] | undefined {
  if (ports === undefined) return [];
  if (!Array.isArray(ports)) return undefined;
  const out: Json[] = [];
  for (const p of ports) {
    if (!isObject(p) || !Number.isInteger(p.containerPort)) return undefined;
    const { containerPort, name, protocol, hostPort, hostIP, ...other } = p as Json;
    if (Object.keys(other).length > 0) return undefined;
    if (protocol !== undefined && !['TCP', 'UDP', 'SCTP'].includes(protocol)) return undefined;
    const port: Json = { number: containerPort };
    if (typeof name === 'string') port.name = name; else if (name !== undefined) return undefined;
    if (protocol !== undefined) port.protocol = code(program.kp(`Protocol.${protocol}`));
    if (Number.isInteger(hostPort)) port.hostPort = hostPort; else if (hostPort !== undefined) return undefined;
    if (typeof hostIP === 'string') port.hostIp = hostIP; else if (hostIP !== undefined) return undefined;
    out.push(port);
  }
  return out;
}

function resourcesCode(program: Program, resources: unknown): Json | undefined {
  if (resources === undefined) return {};
  if (!isObject(resources)) return undefined;
  const { requests, limits, ...other } = resources as Json;
  if (Object.keys(other).length > 0) return undefined;
  const out: Json = {};
  for (const [kind, values] of [['request', requests], ['limit', limits]] as const) {
    if (values === undefined) continue;
    if (!isObject(values)) return undefined;
    const { cpu, memory, ...more } = values as Json;
    if (Object.keys(more).length > 0) return undefined;
    if (cpu !== undefined) {
      const c = cpuCode(program, cpu);
      if (!c) return undefined;
      out.cpu = { ...(out.cpu ?? {}), [kind]: c };
    }
    if (memory !== undefined) {
      const m = typeof memory === 'string' ? /^([1-9][0-9]*)Mi$/.exec(memory) : null;
      if (!m) return undefined;
      out.memory = { ...(out.memory ?? {}), [kind]: code(`${program.cdk8s('Size')}.mebibytes(${m[1]})`) };
    }
  }
  // kplus writes nothing for `{}` but the library reads it as "no resources" and writes none.
  return out;
}

function cpuCode(program: Program, cpu: unknown): Code | undefined {
  const kpCpu = program.kp('Cpu');
  if (typeof cpu === 'string') {
    const m = /^([1-9][0-9]*)m$/.exec(cpu);
    if (m) return code(`${kpCpu}.millis(${m[1]})`);
    if (/^[0-9]+(\.[0-9]+)?$/.test(cpu) && String(Number(cpu)) === cpu) return code(`${kpCpu}.units(${cpu})`);
  }
  return undefined;
}

/**
 * A probe as kplus writes it: `kplus.Probe.fromHttpGet`, `fromTcpSocket` or `fromCommand`, and the
 * library's `HostProcessProbe` for a named port. kplus always writes `failureThreshold` (3 by
 * default) and an HTTP probe's `scheme` (HTTP by default), the API server's defaults.
 */
function probeCode(program: Program, probe: unknown): Code | undefined {
  if (!isObject(probe)) return undefined;
  const {
    httpGet, tcpSocket, exec, initialDelaySeconds, periodSeconds, timeoutSeconds, successThreshold, failureThreshold, ...other
  } = probe as Json;
  if (Object.keys(other).length > 0 || [httpGet, tcpSocket, exec].filter(h => h !== undefined).length !== 1) return undefined;
  const options: Json = {};
  const seconds = (v: unknown) => code(`${program.cdk8s('Duration')}.seconds(${v})`);
  for (const [k, v] of [['initialDelaySeconds', initialDelaySeconds], ['periodSeconds', periodSeconds], ['timeoutSeconds', timeoutSeconds]] as const) {
    if (v === undefined) continue;
    if (!Number.isInteger(v) || v < 0) return undefined;
    options[k] = seconds(v);
  }
  for (const [k, v] of [['successThreshold', successThreshold], ['failureThreshold', failureThreshold]] as const) {
    if (v === undefined) continue;
    if (!Number.isInteger(v) || v < 1) return undefined;
    options[k] = v;
  }
  const withOptions = (extra: Json) => {
    const all = { ...extra, ...options };
    return Object.keys(all).length > 0 ? [all] : [];
  };
  const kprobe = program.kp('Probe');
  const hpProbe = () => program.lib('HostProcessProbe');
  if (isObject(exec)) {
    const { command, ...more } = exec as Json;
    if (Object.keys(more).length > 0 || !isStringList(command)) return undefined;
    return call(`${kprobe}.fromCommand`, command, ...withOptions({}));
  }
  const target = (httpGet ?? tcpSocket) as unknown;
  if (!isObject(target)) return undefined;
  const { port, host, path, scheme, ...more } = target as Json;
  if (Object.keys(more).length > 0 || (host !== undefined && typeof host !== 'string')) return undefined;
  const extra: Json = {};
  if (host !== undefined) extra.host = host;
  if (httpGet !== undefined) {
    if (typeof path !== 'string') return undefined;
    if (scheme !== undefined) {
      if (scheme !== 'HTTP' && scheme !== 'HTTPS') return undefined;
      extra.scheme = code(program.kp(`ConnectionScheme.${scheme}`));
    }
  } else if (path !== undefined || scheme !== undefined) {
    return undefined;
  }
  if (typeof port === 'string') {
    if (/^[0-9]+$/.test(port)) return undefined;
    return httpGet !== undefined
      ? call(`${hpProbe()}.fromHttpGet`, path, port, ...withOptions(extra))
      : call(`${hpProbe()}.fromTcpSocket`, port, ...withOptions(extra));
  }
  if (!Number.isInteger(port)) return undefined;
  return httpGet !== undefined
    ? call(`${kprobe}.fromHttpGet`, path, { port, ...extra, ...options })
    : call(`${kprobe}.fromTcpSocket`, { port, ...extra, ...options });
}
