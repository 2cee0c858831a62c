import { PlannedFile } from '../serialize';
import { ControlGateResult } from './controlGate';
import type { GeneratedCluster } from './index';
import { ClusterSpec } from './spec';

/**
 * The action's summary: what was generated, how it fared against the
 * baseline controls, which controls hang on optional inputs, what is left.
 */
export function clusterSummary(
  spec: ClusterSpec,
  generated: GeneratedCluster,
  gate: ControlGateResult,
  files: PlannedFile[],
  notes: string[],
): string {
  const passed = gate.results.filter(r => r.status === 'pass').length;
  const monitoring = spec.logAnalyticsWorkspaceId
    ? 'the given workspace (logAnalyticsWorkspaceId)'
    : `the stamp's own workspace ${generated.names.monitoring.workspace} (give logAnalyticsWorkspaceId to use an existing one)`;
  const zones = spec.availabilityZones.length
    ? `zones ${spec.availabilityZones.join(', ')}`
    : 'no zones in this region';
  const lines = [
    `Generated ${files.length} files for AKS cluster ${spec.clusterName} (${spec.resourceGroup}, ${spec.location}): an ARM template with ${generated.template.resources.length} resources, ${generated.manifests.length} Traefik manifests and the catalog entity.`,
    `Baseline controls: ${passed} of ${gate.results.length} pass; not passing, as expected for a new cluster:`,
    ...gate.accepted.map(a => `- ${a.id} (${a.status}): ${a.reason}`),
    `Controls that depend on optional inputs: Container insights, Defender for Containers and the diagnostic settings (OPS-01, DEF-01, LOG-01..03) send to ${monitoring}; zone redundancy (pools, App Gateway, public IP; UPG-03): ${zones}.`,
    ...notes.map(note => `Note: ${note}`),
    `Next (README.md): have the network team deploy hub/egress-rules.json to the hub firewall's policy, prepare the certificates ${spec.keyVault.edgeCertificateName}, ${spec.keyVault.ingressCertificateName} and ${spec.keyVault.backendRootCertificateName} and their expiries, deploy infra/cluster.json with az deployment group create with an identity that may also peer the hub VNet ${spec.hub.name} (the template peers it with the spoke, both sides; it installs Flux, which applies cluster-manifests/ from ${spec.gitops.repositoryUrl}), import the images into ${generated.names.registry.name}, give Flux a read-only Git credential if the repository is private, put Traefik's client id into cluster-manifests/workload-identity.env.`,
  ];
  return lines.join('\n');
}
