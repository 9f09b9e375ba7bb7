// Written by `cdk8s-hostprocess convert`.
import { App, Chart, Size } from 'cdk8s';
import { DaemonSetUpdateStrategy, HostProcessDaemonSet, HostProcessUser } from 'cdk8s-hostprocess';
import * as kplus from 'cdk8s-plus-27';

const app = new App();
const chart = new Chart(app, 'manifests');

const csiSmbNodeSa = kplus.ServiceAccount.fromServiceAccountName(
  chart,
  'csi-smb-node-sa-service-account',
  'csi-smb-node-sa',
);
// spec.template.spec.securityContext.seccompProfile: left out: the API server rejects it in a windows pod (`Forbidden: cannot be set for a windows pod`, validateWindows in kubernetes pkg/apis/core/validation/validation.go@v1.35.4) and the library writes spec.os.name: windows
const csiSmbNodeWin = new HostProcessDaemonSet(chart, 'csi-smb-node-win', {
  metadata: { name: 'csi-smb-node-win', namespace: 'kube-system' },
  podMetadata: { labels: { app: 'csi-smb-node-win' } },
  select: false,
  updateStrategy: DaemonSetUpdateStrategy.rollingUpdate({ maxUnavailable: kplus.PercentOrAbsolute.absolute(1) }),
  user: HostProcessUser.SYSTEM,
  priorityClassName: 'system-node-critical',
  serviceAccount: csiSmbNodeSa,
  containers: [
    {
      name: 'node-driver-registrar',
      image: 'mcr.microsoft.com/oss/kubernetes-csi/csi-node-driver-registrar:v2.13.0',
      command: ['csi-node-driver-registrar.exe'],
      args: [
        '--v=2',
        '--csi-address=$(CSI_ENDPOINT)',
        '--kubelet-registration-path=$(DRIVER_REG_SOCK_PATH)',
        '--plugin-registration-path=$(PLUGIN_REG_DIR)',
      ],
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      envVariables: {
        CSI_ENDPOINT: kplus.EnvValue.fromValue('unix://C:\\\\var\\\\lib\\\\kubelet\\\\plugins\\\\smb.csi.k8s.io\\\\csi.sock'),
        DRIVER_REG_SOCK_PATH: kplus.EnvValue.fromValue('C:\\\\var\\\\lib\\\\kubelet\\\\plugins\\\\smb.csi.k8s.io\\\\csi.sock'),
        PLUGIN_REG_DIR: kplus.EnvValue.fromValue('C:\\\\var\\\\lib\\\\kubelet\\\\plugins_registry\\\\'),
        KUBE_NODE_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME),
      },
      resources: {
        cpu: { request: kplus.Cpu.millis(30) },
        memory: { request: Size.mebibytes(40), limit: Size.mebibytes(150) },
      },
    },
    {
      name: 'smb',
      image: 'gcr.io/k8s-staging-sig-storage/smbplugin:canary-windows-hp',
      command: ['smbplugin.exe'],
      args: [
        '--v=5',
        '--endpoint=$(CSI_ENDPOINT)',
        '--nodeid=$(KUBE_NODE_NAME)',
        '--enable-windows-host-process=true',
        '--remove-smb-mapping-during-unmount=true',
      ],
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      envVariables: {
        CSI_ENDPOINT: kplus.EnvValue.fromValue('unix://C:\\\\var\\\\lib\\\\kubelet\\\\plugins\\\\smb.csi.k8s.io\\\\csi.sock'),
        KUBE_NODE_NAME: kplus.EnvValue.fromFieldRef(kplus.EnvFieldPaths.NODE_NAME, { apiVersion: 'v1' }),
      },
      resources: {
        cpu: { request: kplus.Cpu.millis(10) },
        memory: { request: Size.mebibytes(40), limit: Size.mebibytes(600) },
      },
    },
  ],
  initContainers: [
    {
      name: 'init',
      image: 'gcr.io/k8s-staging-sig-storage/smbplugin:canary-windows-hp',
      command: [
        'powershell.exe',
        '-c',
        'New-Item -ItemType Directory -Path C:\\var\\lib\\kubelet\\plugins\\smb.csi.k8s.io\\ -Force',
      ],
      imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
      resources: {},
    },
  ],
});
csiSmbNodeWin.select(kplus.LabelSelector.of({ labels: { app: 'csi-smb-node-win' } }));
csiSmbNodeWin.scheduling.tolerate(kplus.Node.tainted(
  kplus.NodeTaintQuery.exists('node.kubernetes.io/os', { effect: kplus.TaintEffect.NO_SCHEDULE }),
));

app.synth();
