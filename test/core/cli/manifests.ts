// Manifests the CLI tests share, as YAML text.
import * as fs from 'fs';
import * as path from 'path';

/** The AKS documentation's hostprocess.yaml: a valid HostProcess DaemonSet. */
export const SEED = fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'aks-hostprocess.yaml'), 'utf8');

/** The seed with `hostNetwork: false`, which the API server rejects. */
export const HOST_NETWORK_FALSE = SEED.replace('hostNetwork: true', 'hostNetwork: false');

/** A CronJob whose HostProcess pod lacks hostNetwork and has a relative workingDir (a warning). */
export const CRON_JOB = `apiVersion: batch/v1
kind: CronJob
metadata: {name: nightly}
spec:
  schedule: "0 0 * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          nodeSelector: {kubernetes.io/os: windows}
          hostNetwork: true
          securityContext:
            windowsOptions: {hostProcess: true, runAsUserName: "NT AUTHORITY\\\\SYSTEM"}
          containers:
            - name: c
              image: i
              workingDir: scripts
`;

/** A Linux pod with a problem only `--all` reports: hostPort differs from containerPort on the host network. */
export const LINUX_POD = `apiVersion: v1
kind: Pod
metadata: {name: web}
spec:
  hostNetwork: true
  containers:
    - name: web
      image: nginx
      ports: [{containerPort: 80, hostPort: 8080}]
`;

/** A `List` holding a Service, a valid HostProcess Pod and a Deployment with hostNetwork false. */
export const LIST = `apiVersion: v1
kind: List
items:
  - apiVersion: v1
    kind: Service
    metadata: {name: svc}
    spec: {ports: [{port: 80}]}
  - apiVersion: v1
    kind: Pod
    metadata: {name: ok}
    spec:
      nodeSelector: {kubernetes.io/os: windows}
      hostNetwork: true
      securityContext: {windowsOptions: {hostProcess: true, runAsUserName: "NT AUTHORITY\\\\SYSTEM"}}
      containers: [{name: c, image: i}]
  - apiVersion: apps/v1
    kind: Deployment
    metadata: {name: bad}
    spec:
      selector: {matchLabels: {a: b}}
      template:
        metadata: {labels: {a: b}}
        spec:
          nodeSelector: {kubernetes.io/os: windows}
          hostNetwork: false
          securityContext: {windowsOptions: {hostProcess: true, runAsUserName: "NT AUTHORITY\\\\SYSTEM"}}
          containers: [{name: c, image: i}]
`;

export const HOST_NETWORK_MESSAGE = 'Invalid value: false: hostNetwork must be true if pod contains any hostProcess containers';

/** The seed without its nodeSelector: nothing keeps the HostProcess DaemonSet off Linux nodes (a warning). */
export const NO_NODE_SELECTOR = SEED.replace('      nodeSelector:\n        kubernetes.io/os: windows\n', '');

/** A HostProcess pod with a relative mountPath, which kubelet makes absolute (`c:\\config`): no finding. */
export const RELATIVE_MOUNT_PATH = `apiVersion: v1
kind: Pod
metadata: {name: config}
spec:
  nodeSelector: {kubernetes.io/os: windows}
  hostNetwork: true
  securityContext:
    windowsOptions: {hostProcess: true, runAsUserName: "NT AUTHORITY\\\\SYSTEM"}
  containers:
    - name: c
      image: i
      volumeMounts: [{name: config, mountPath: config}]
  volumes: [{name: config, configMap: {name: config}}]
`;

/** A HostProcess pod without spec.os that sets privileged: true, which the API server accepts only without spec.os. */
export const PRIVILEGED_NO_OS = `apiVersion: v1
kind: Pod
metadata: {name: priv}
spec:
  nodeSelector: {kubernetes.io/os: windows}
  hostNetwork: true
  securityContext:
    windowsOptions: {hostProcess: true, runAsUserName: "NT AUTHORITY\\\\SYSTEM"}
  containers:
    - name: c
      image: i
      securityContext: {privileged: true}
`;

/** What the text output writes after HOST_NETWORK_MESSAGE: the rule's ID and its remediation. */
export const HOST_NETWORK_FIX = '[host-process-host-network] fix: set hostNetwork: true (HostProcess pods always use the host network); remove hostNetwork: false';
