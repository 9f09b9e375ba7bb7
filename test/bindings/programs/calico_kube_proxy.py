# examples/calico-kube-proxy (chart.ts) in Python, with the main of calico-kube-proxy.ts: the names
# are line 27's, and the test renames them for the line it runs.
import typing

from cdk8s import ApiObjectMetadata, App, Chart
from cdk8s_hostprocess import (
    DaemonSetUpdateStrategy, HostProcessDaemonSet, HostProcessTolerations, HostProcessUser, SandboxPath,
)
import cdk8s_plus_27 as kplus
from constructs import Construct


class CalicoKubeProxyChart(Chart):
    def __init__(self, scope: Construct, id: str, *, kube_proxy_version: typing.Optional[str] = None) -> None:
        super().__init__(scope, id, namespace="kube-system")

        service_account = kplus.ServiceAccount.from_service_account_name(self, "service-account", "kube-proxy")
        config = kplus.Volume.from_config_map(
            self, "config", kplus.ConfigMap.from_config_map_name(self, "config-map", "kube-proxy"), name="kube-proxy")

        labels = {"k8s-app": "kube-proxy-windows"}
        kube_proxy = HostProcessDaemonSet(self, "kube-proxy",
            metadata=ApiObjectMetadata(name="kube-proxy-windows", labels={"k8s-app": "kube-proxy"}),
            pod_metadata=ApiObjectMetadata(labels=labels),
            select=False,
            user=HostProcessUser.SYSTEM,
            service_account=service_account,
            automount_service_account_token=True,
            update_strategy=DaemonSetUpdateStrategy.rolling_update(),
            containers=[kplus.ContainerProps(
                name="kube-proxy",
                image=f"sigwindowstools/kube-proxy:{kube_proxy_version or 'KUBE_PROXY_VERSION'}-calico-hostprocess",
                image_pull_policy=kplus.ImagePullPolicy.ALWAYS,
                args=[SandboxPath.of("kube-proxy/start.ps1").powershell],
                working_dir=SandboxPath.of("kube-proxy").powershell,
                env_variables={
                    "NODENAME": kplus.EnvValue.from_field_ref(kplus.EnvFieldPaths.NODE_NAME, api_version="v1"),
                    "POD_IP": kplus.EnvValue.from_field_ref(kplus.EnvFieldPaths.POD_IP),
                },
                volume_mounts=[kplus.VolumeMount(path="/var/lib/kube-proxy", volume=config)],
            )],
        )
        kube_proxy.select(kplus.LabelSelector.of(labels=labels))
        kube_proxy.scheduling.tolerate(kplus.Node.tainted(
            HostProcessTolerations.critical_addons_only(),
            HostProcessTolerations.all(),
        ))


app = App()
CalicoKubeProxyChart(app, "calico-kube-proxy", kube_proxy_version="v1.31.1")
app.synth()
