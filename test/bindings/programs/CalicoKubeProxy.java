// examples/calico-kube-proxy (chart.ts) in Java, with the main of calico-kube-proxy.ts: the names
// are line 27's, and the test renames them for the line it runs.
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.github.cdk8shostprocess.DaemonSetUpdateStrategy;
import io.github.cdk8shostprocess.HostProcessDaemonSet;
import io.github.cdk8shostprocess.HostProcessTolerations;
import io.github.cdk8shostprocess.HostProcessUser;
import io.github.cdk8shostprocess.SandboxPath;
import org.cdk8s.ApiObjectMetadata;
import org.cdk8s.App;
import org.cdk8s.Chart;
import org.cdk8s.ChartProps;
import org.cdk8s.plus27.ConfigMap;
import org.cdk8s.plus27.ConfigMapVolumeOptions;
import org.cdk8s.plus27.ContainerProps;
import org.cdk8s.plus27.EnvFieldPaths;
import org.cdk8s.plus27.EnvValue;
import org.cdk8s.plus27.EnvValueFromFieldRefOptions;
import org.cdk8s.plus27.IServiceAccount;
import org.cdk8s.plus27.ImagePullPolicy;
import org.cdk8s.plus27.LabelSelector;
import org.cdk8s.plus27.LabelSelectorOptions;
import org.cdk8s.plus27.Node;
import org.cdk8s.plus27.ServiceAccount;
import org.cdk8s.plus27.Volume;
import org.cdk8s.plus27.VolumeMount;
import software.constructs.Construct;

public class CalicoKubeProxy {
    public static void main(String[] args) {
        App app = new App();
        new CalicoKubeProxyChart(app, "calico-kube-proxy", "v1.31.1");
        app.synth();
    }
}

class CalicoKubeProxyChart extends Chart {
    CalicoKubeProxyChart(Construct scope, String id, String kubeProxyVersion) {
        super(scope, id, ChartProps.builder().namespace("kube-system").build());

        IServiceAccount serviceAccount = ServiceAccount.fromServiceAccountName(this, "service-account", "kube-proxy");
        Volume config = Volume.fromConfigMap(this, "config", ConfigMap.fromConfigMapName(this, "config-map", "kube-proxy"),
                ConfigMapVolumeOptions.builder().name("kube-proxy").build());

        // kplus writes env in the order of the map, and Map.of has none (it changes from run to run).
        Map<String, EnvValue> env = new LinkedHashMap<>();
        env.put("NODENAME", EnvValue.fromFieldRef(EnvFieldPaths.NODE_NAME, EnvValueFromFieldRefOptions.builder().apiVersion("v1").build()));
        env.put("POD_IP", EnvValue.fromFieldRef(EnvFieldPaths.POD_IP));

        Map<String, String> labels = Map.of("k8s-app", "kube-proxy-windows");
        HostProcessDaemonSet kubeProxy = HostProcessDaemonSet.Builder.create(this, "kube-proxy")
                .metadata(ApiObjectMetadata.builder().name("kube-proxy-windows").labels(Map.of("k8s-app", "kube-proxy")).build())
                .podMetadata(ApiObjectMetadata.builder().labels(labels).build())
                .select(false)
                .user(HostProcessUser.SYSTEM)
                .serviceAccount(serviceAccount)
                .automountServiceAccountToken(true)
                .updateStrategy(DaemonSetUpdateStrategy.rollingUpdate())
                .containers(List.of(ContainerProps.builder()
                        .name("kube-proxy")
                        .image("sigwindowstools/kube-proxy:" + (kubeProxyVersion != null ? kubeProxyVersion : "KUBE_PROXY_VERSION") + "-calico-hostprocess")
                        .imagePullPolicy(ImagePullPolicy.ALWAYS)
                        .args(List.of(SandboxPath.of("kube-proxy/start.ps1").getPowershell()))
                        .workingDir(SandboxPath.of("kube-proxy").getPowershell())
                        .envVariables(env)
                        .volumeMounts(List.of(VolumeMount.builder().path("/var/lib/kube-proxy").volume(config).build()))
                        .build()))
                .build();
        kubeProxy.select(LabelSelector.of(LabelSelectorOptions.builder().labels(labels).build()));
        kubeProxy.getScheduling().tolerate(Node.tainted(
                HostProcessTolerations.criticalAddonsOnly(),
                HostProcessTolerations.all()));
    }
}
