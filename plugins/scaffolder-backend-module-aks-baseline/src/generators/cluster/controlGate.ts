import {
  BaselineResources,
  ControlResult,
  ControlStatus,
  ResourceDiagnosticSettings,
  evaluateBaselineControls,
  readTraefikFileConfiguration,
} from '@aks-baseline/plugin-aks-baseline-common';
import { parse } from 'yaml';
import { ArmTemplateResource, RESOURCE_TYPES } from './arm/expressions';
import { ArmDeploymentTemplate } from './arm/template';
import { HubEgressTemplate, stampEgressContext } from './arm/hubEgress';
import { KubernetesObject } from '../types';
import { ClusterNames } from './names';
import { ClusterSpec } from './spec';

/** What the gate judges: the generated templates and manifests. */
export interface GeneratedForGate {
  template: ArmDeploymentTemplate;
  manifests: KubernetesObject[];
  hubEgress: HubEgressTemplate;
}

/** A control that is not a pass, and why that is right for a new cluster. */
export interface AcceptedControl {
  id: string;
  status: ControlStatus;
  reason: string;
}

export interface ControlGateResult {
  results: ControlResult[];
  /** Not a pass, for a reason stated here (shown in the summary). */
  accepted: AcceptedControl[];
  /** Not a pass, and nothing explains it: the action refuses to write. */
  failures: ControlResult[];
}

/**
 * Controls a freshly generated cluster cannot pass, each with the status it
 * is expected to have and why. Anything else that is not a pass fails the
 * gate, warnings included.
 */
export function expectedNonPasses(spec: ClusterSpec): AcceptedControl[] {
  const noApp =
    "no app is routed yet: aks-baseline:onboard-app generates each app's route, default-deny and Traefik-only NetworkPolicies";
  const expected: AcceptedControl[] = [
    {
      id: 'FW-01',
      status: 'not-observed',
      reason: `the hub firewall (${spec.firewall.resourceId}) lives outside this deployment; only the route to its IP ${spec.firewall.privateIp} is generated. The dashboard judges its threat intelligence and DNS proxy from the hub.`,
    },
    ...certificatesNotYetIssued(),
    { id: 'K8S-05', status: 'not-applicable', reason: noApp },
    { id: 'K8S-06', status: 'not-applicable', reason: noApp },
    { id: 'K8S-07', status: 'not-applicable', reason: noApp },
  ];
  expected.push(...resilienceChoices(spec));
  return expected;
}

/** What the form's choices leave short of UPG-02/03, said as the choice it is. */
function resilienceChoices(spec: ClusterSpec): AcceptedControl[] {
  const choices: AcceptedControl[] = [];
  if (spec.systemPool.count < 2)
    choices.push({
      id: 'UPG-02',
      status: 'warning',
      reason: `the system pool was asked for ${spec.systemPool.count} node: it autoscales from there, but one node failing takes CoreDNS and the add-ons with it`,
    });
  if (spec.availabilityZones.length === 0)
    choices.push({
      id: 'UPG-03',
      status: 'fail',
      reason: `${spec.location} is not known to have availability zones, so the node pools are regional`,
    });
  return choices;
}

/**
 * The chain's certificates are imported into Key Vault before the
 * deployment (the README's first step): the template only references them,
 * so their expiry and what Traefik serves are judged on the live cluster.
 * CERT-05 still judges the references here: an uploaded trust root fails it.
 */
function certificatesNotYetIssued(): AcceptedControl[] {
  const later =
    'the certificate is imported into Key Vault before deployment; the template references it by secret id, and the dashboard judges its expiry on the live cluster';
  return [
    { id: 'CERT-01', status: 'not-observed', reason: later },
    { id: 'CERT-02', status: 'not-observed', reason: later },
    { id: 'CERT-03', status: 'not-observed', reason: later },
    {
      id: 'CERT-04',
      status: 'not-observed',
      reason:
        "what Traefik serves exists once it runs; the dashboard's TLS probe reads it",
    },
    {
      id: 'CERT-05',
      status: 'not-observed',
      reason:
        'every trust root is referenced from Key Vault (judged here); the expiries are read once the certificates exist',
    },
  ];
}

const ofType = (resources: ArmTemplateResource[], type: string) =>
  resources.filter(r => r.type.toLowerCase() === type.toLowerCase());

/** Extension resources of `type` scoped to `target` (`<type>/<name>`, as the template writes it). */
const scopedTo = (
  resources: ArmTemplateResource[],
  type: string,
  target: ArmTemplateResource,
) =>
  ofType(resources, type).filter(
    r =>
      r.scope?.toLowerCase() === `${target.type}/${target.name}`.toLowerCase(),
  );

/**
 * The diagnostic settings the template declares for each resource LOG-01
 * and LOG-03 judge: every such resource has an entry (a template that
 * declares none for it is read as "none", as a live read of it would be).
 */
function templateDiagnostics(
  resources: ArmTemplateResource[],
): ResourceDiagnosticSettings[] {
  const watched = [
    RESOURCE_TYPES.managedCluster,
    RESOURCE_TYPES.appGateway,
    RESOURCE_TYPES.keyVault,
    RESOURCE_TYPES.nsg,
  ].flatMap(type => ofType(resources, type));
  return watched.map(target => ({
    resourceId: `${target.type}/${target.name}`,
    settings: scopedTo(resources, RESOURCE_TYPES.diagnosticSetting, target),
  }));
}

/**
 * Traefik's static and file-provider configuration as the dashboard reads
 * it on a live cluster: followed from the generated Deployment's
 * `--configFile` and mounts to the generated ConfigMaps' keys (one reader
 * of both, in the common package), so a mount the generator got wrong
 * fails here instead of leaving K8S-02/03 unobserved in the cluster.
 */
function traefikFileConfiguration(
  spec: ClusterSpec,
  names: ClusterNames,
  manifests: KubernetesObject[],
) {
  const inTraefikNamespace = (m: KubernetesObject) =>
    m.metadata.namespace === spec.traefik.namespace;
  const deployment = manifests.find(
    m =>
      m.kind === 'Deployment' &&
      inTraefikNamespace(m) &&
      m.metadata.name === names.traefik.deployment,
  );
  return readTraefikFileConfiguration(
    deployment,
    manifests.filter(m => m.kind === 'ConfigMap' && inTraefikNamespace(m)),
    parse,
  );
}

/**
 * The generated objects as the evaluator's input, the way the dashboard
 * reads a live cluster: ARM resources by type, the Kubernetes objects, and
 * Traefik's configuration parsed back from its ConfigMaps. The only outside
 * facts are the hub firewall's IP and what the cluster resource does not
 * show about its egress (Flux and its Git host, the registry Traefik comes
 * from).
 */
export function baselineResourcesOf(
  spec: ClusterSpec,
  names: ClusterNames,
  generated: GeneratedForGate,
): BaselineResources {
  const resources = generated.template.resources;
  const traefikFiles = traefikFileConfiguration(
    spec,
    names,
    generated.manifests,
  );
  return {
    cluster: ofType(resources, RESOURCE_TYPES.managedCluster)[0],
    // The cluster's planned maintenance windows (UPG-01), children of it.
    maintenanceConfigurations: ofType(
      resources,
      RESOURCE_TYPES.maintenanceConfiguration,
    ),
    applicationGateways: ofType(resources, RESOURCE_TYPES.appGateway),
    wafPolicies: ofType(resources, RESOURCE_TYPES.wafPolicy),
    virtualNetworks: ofType(resources, RESOURCE_TYPES.vnet),
    routeTables: ofType(resources, RESOURCE_TYPES.routeTable),
    keyVaults: ofType(resources, RESOURCE_TYPES.keyVault),
    privateEndpoints: ofType(resources, RESOURCE_TYPES.privateEndpoint),
    // The stamp's registry (ACR-01), whose login server every image of
    // the manifests must start with (ACR-02).
    containerRegistries: ofType(resources, RESOURCE_TYPES.containerRegistry),
    // Assigned to the deployment's resource group, which holds the cluster.
    policyAssignments: ofType(resources, RESOURCE_TYPES.policyAssignment),
    userAssignedIdentities: ofType(resources, RESOURCE_TYPES.identity),
    federatedIdentityCredentials: ofType(
      resources,
      RESOURCE_TYPES.federatedCredential,
    ),
    kubernetes: {
      objects: generated.manifests,
      traefikStaticConfig: traefikFiles.staticConfig,
      traefikDynamicConfig: traefikFiles.dynamicConfig,
      traefik: {
        namespace: spec.traefik.namespace,
        serviceName: names.traefik.service,
      },
    },
    // The hub's rules as the network team will add them: the group under
    // its own name (the template names it after a policy parameter).
    firewallPolicyRuleCollectionGroups: ofType(
      generated.hubEgress.resources,
      RESOURCE_TYPES.firewallRuleCollectionGroup,
    ).map(group => ({ ...group, name: names.hubEgress.ruleCollectionGroup })),
    ipGroups: ofType(generated.hubEgress.resources, RESOURCE_TYPES.ipGroup),
    // Audit and telemetry (LOG-01..03): as the dashboard reads them per resource.
    diagnosticSettings: templateDiagnostics(resources),
    dataCollectionRuleAssociations: scopedTo(
      resources,
      RESOURCE_TYPES.dataCollectionRuleAssociation,
      ofType(resources, RESOURCE_TYPES.managedCluster)[0],
    ),
    dataCollectionRules: ofType(resources, RESOURCE_TYPES.dataCollectionRule),
    context: {
      firewallPrivateIp: spec.firewall.privateIp,
      egress: stampEgressContext(spec, names),
    },
  };
}

/** Runs the control evaluator and sorts every result into pass, accepted or failure. */
export function checkClusterControls(
  spec: ClusterSpec,
  names: ClusterNames,
  generated: GeneratedForGate,
): ControlGateResult {
  const results = evaluateBaselineControls(
    baselineResourcesOf(spec, names, generated),
  );
  const expected = expectedNonPasses(spec);
  const accepted: AcceptedControl[] = [];
  const failures: ControlResult[] = [];
  for (const result of results) {
    if (result.status === 'pass') continue;
    const exception = expected.find(
      e => e.id === result.id && e.status === result.status,
    );
    if (exception) accepted.push(exception);
    else failures.push(result);
  }
  return { results, accepted, failures };
}

/** The action's refusal: lists every failing control with what was found. */
export class BaselineControlsFailedError extends Error {
  constructor(readonly failures: ControlResult[]) {
    super(
      `The generated cluster does not pass the baseline controls, so nothing was written: ${failures
        .map(
          f =>
            `${f.id} ${f.title} (${f.status}): ${f.reason}; found ${f.found}`,
        )
        .join(' | ')}`,
    );
    this.name = 'BaselineControlsFailedError';
  }
}
