// The node labels that only Windows nodes carry, with the values that say so: what a pod may select
// to stay off Linux nodes. The engine's node selection rule (validation/node-selection.ts) and the
// admission policy's CEL of it (admission/rule-cel.ts) read this list and nothing else. A label is
// listed only where the code or the documentation of whoever sets it says that only Windows nodes
// get it (or get those values); no GKE or EKS label is listed, for want of such a source of theirs.

/** The node label the kubelet sets to its OS (`v1.LabelOSStable`). */
export const OS_LABEL = 'kubernetes.io/os';

/** A node label that only Windows nodes carry, or carry with the listed values. */
export interface WindowsNodeLabel {
  readonly key: string;
  /** The values only Windows nodes have; unset when the label is on Windows nodes only, whatever its value. */
  readonly values?: readonly string[];
  /** Who sets it, for the README and the catalog. */
  readonly setBy: string;
  /** Where that is written: upstream file and tag, or the document. */
  readonly source: string;
}

export const WINDOWS_NODE_LABELS: readonly WindowsNodeLabel[] = [
  {
    key: OS_LABEL,
    values: ['windows'],
    setBy: 'the kubelet (runtime.GOOS)',
    source: 'kubernetes pkg/kubelet/kubelet_node_status.go@v1.37.2 (initialNode)',
  },
  // Set by the kubelet only on Windows: getOSSpecificLabels returns it from the Windows build of
  // kubelet_node_status_windows.go (//go:build windows) and nothing from kubelet_node_status_linux.go
  // or kubelet_node_status_others.go; initialNode copies those labels onto the Node, and
  // updateDefaultLabels keeps it in step (and drops it when empty).
  {
    key: 'node.kubernetes.io/windows-build',
    setBy: 'the kubelet, on Windows only (the Windows build, 10.0.20348)',
    source: 'kubernetes pkg/kubelet/kubelet_node_status_windows.go@v1.37.2 (getOSSpecificLabels; the Linux and other builds return no labels)',
  },
  // AKS writes the node pool's OS SKU as this label (use-labels.md: "kubernetes.azure.com/os-sku |
  // <os/sku>"), and documents selecting Windows nodes of a version with it (upgrade-windows-os.md:
  // nodeSelector "kubernetes.azure.com/os-sku": <OSSKU>, for example Windows2025). The Windows OS
  // SKUs: Windows2022 and Windows2025 (upgrade-os-version.md, OS type Windows), Windows2019 (the same
  // table before its retirement, at commit d3b59df3), WindowsAnnual (windows-annual-channel.md: a
  // node pool of --os-type Windows --os-sku WindowsAnnual whose nodes show os-sku=WindowsAnnual).
  // Linux node pools carry Linux SKUs (Ubuntu, AzureLinux, ...), so only these values select Windows.
  {
    key: 'kubernetes.azure.com/os-sku',
    values: ['Windows2019', 'Windows2022', 'Windows2025', 'WindowsAnnual'],
    setBy: 'AKS (the node pool\'s OS SKU)',
    source: 'MicrosoftDocs/azure-aks-docs articles/aks/use-labels.md, upgrade-windows-os.md, upgrade-os-version.md and ' +
      'windows-annual-channel.md at commit fb060abe (upgrade-os-version.md at d3b59df3 for Windows2019)',
  },
];

/** Whether a nodeSelector value of label `label` selects only Windows nodes. */
export function selectsWindowsValue(label: WindowsNodeLabel, value: unknown): boolean {
  return typeof value === 'string' && (label.values === undefined || label.values.includes(value));
}
