// The README's quick start in Go. The README has none: jsii-rosetta's Go translation of the
// TypeScript does not compile (unversioned import paths, unqualified struct names, value slices of
// pointer structs), so this one is written by hand. The names are line 27's, and the test renames
// them for the line it runs.
package main

import (
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk8s-hostprocess/cdk8s-hostprocess-go/cdk8shostprocess"
	"github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2"
	"github.com/cdk8s-team/cdk8s-plus-go/cdk8splus27/v2"
)

func main() {
	app := cdk8s.NewApp(nil)
	chart := cdk8s.NewChart(app, jsii.String("agents"), &cdk8s.ChartProps{Namespace: jsii.String("kube-system")})

	cdk8shostprocess.NewHostProcessDaemonSet(chart, jsii.String("privileged-daemonset"), &cdk8shostprocess.HostProcessDaemonSetProps{
		User:                   cdk8shostprocess.HostProcessUser_SYSTEM(),
		TerminationGracePeriod: cdk8s.Duration_Seconds(jsii.Number(0)),
		Containers: &[]*cdk8splus27.ContainerProps{{
			Name:    jsii.String("powershell"),
			Image:   jsii.String("mcr.microsoft.com/powershell:lts-nanoserver-ltsc2022"),
			Command: jsii.Strings("powershell.exe", "-Command", "Start-Sleep -Seconds 2147483"),
		}},
	})

	app.Synth()
}
