// examples/calico-kube-proxy (chart.ts) in Go, with the main of calico-kube-proxy.ts: the names
// are line 27's, and the test renames them for the line it runs. Go has no subclasses of jsii
// classes, so the chart is a function that builds one, as cdk8s' Go apps do.
package main

import (
	"github.com/aws/constructs-go/constructs/v10"
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk8s-hostprocess/cdk8s-hostprocess-go/cdk8shostprocess"
	"github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2"
	"github.com/cdk8s-team/cdk8s-plus-go/cdk8splus27/v2"
)

type CalicoKubeProxyChartProps struct {
	KubeProxyVersion *string
}

func NewCalicoKubeProxyChart(scope constructs.Construct, id string, props *CalicoKubeProxyChartProps) cdk8s.Chart {
	chart := cdk8s.NewChart(scope, jsii.String(id), &cdk8s.ChartProps{Namespace: jsii.String("kube-system")})

	serviceAccount := cdk8splus27.ServiceAccount_FromServiceAccountName(chart, jsii.String("service-account"), jsii.String("kube-proxy"), nil)
	config := cdk8splus27.Volume_FromConfigMap(chart, jsii.String("config"),
		cdk8splus27.ConfigMap_FromConfigMapName(chart, jsii.String("config-map"), jsii.String("kube-proxy")),
		&cdk8splus27.ConfigMapVolumeOptions{Name: jsii.String("kube-proxy")})

	version := "KUBE_PROXY_VERSION"
	if props != nil && props.KubeProxyVersion != nil {
		version = *props.KubeProxyVersion
	}
	labels := map[string]*string{"k8s-app": jsii.String("kube-proxy-windows")}
	kubeProxy := cdk8shostprocess.NewHostProcessDaemonSet(chart, jsii.String("kube-proxy"), &cdk8shostprocess.HostProcessDaemonSetProps{
		Metadata:                     &cdk8s.ApiObjectMetadata{Name: jsii.String("kube-proxy-windows"), Labels: &map[string]*string{"k8s-app": jsii.String("kube-proxy")}},
		PodMetadata:                  &cdk8s.ApiObjectMetadata{Labels: &labels},
		Select:                       jsii.Bool(false),
		User:                         cdk8shostprocess.HostProcessUser_SYSTEM(),
		ServiceAccount:               serviceAccount,
		AutomountServiceAccountToken: jsii.Bool(true),
		UpdateStrategy:               cdk8shostprocess.DaemonSetUpdateStrategy_RollingUpdate(nil),
		Containers: &[]*cdk8splus27.ContainerProps{{
			Name:            jsii.String("kube-proxy"),
			Image:           jsii.String("sigwindowstools/kube-proxy:" + version + "-calico-hostprocess"),
			ImagePullPolicy: cdk8splus27.ImagePullPolicy_ALWAYS,
			Args:            &[]*string{cdk8shostprocess.SandboxPath_Of(jsii.String("kube-proxy/start.ps1")).Powershell()},
			WorkingDir:      cdk8shostprocess.SandboxPath_Of(jsii.String("kube-proxy")).Powershell(),
			EnvVariables: &map[string]cdk8splus27.EnvValue{
				"NODENAME": cdk8splus27.EnvValue_FromFieldRef(cdk8splus27.EnvFieldPaths_NODE_NAME, &cdk8splus27.EnvValueFromFieldRefOptions{ApiVersion: jsii.String("v1")}),
				"POD_IP":   cdk8splus27.EnvValue_FromFieldRef(cdk8splus27.EnvFieldPaths_POD_IP, nil),
			},
			VolumeMounts: &[]*cdk8splus27.VolumeMount{{Path: jsii.String("/var/lib/kube-proxy"), Volume: config}},
		}},
	})
	kubeProxy.Select(cdk8splus27.LabelSelector_Of(&cdk8splus27.LabelSelectorOptions{Labels: &labels}))
	kubeProxy.Scheduling().Tolerate(cdk8splus27.Node_Tainted(
		cdk8shostprocess.HostProcessTolerations_CriticalAddonsOnly(),
		cdk8shostprocess.HostProcessTolerations_All(),
	))
	return chart
}

func main() {
	app := cdk8s.NewApp(nil)
	NewCalicoKubeProxyChart(app, "calico-kube-proxy", &CalicoKubeProxyChartProps{KubeProxyVersion: jsii.String("v1.31.1")})
	app.Synth()
}
