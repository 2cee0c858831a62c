import type {
  ArmResource,
  KubernetesObject,
} from '@aks-baseline/plugin-aks-baseline-common';
import {
  foldChildResources,
  renderArmTemplate,
  type ArmTemplateInput,
  type DeploymentScope,
  type RenderedBody,
} from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import {
  generateCluster,
  generateOnboarding,
  parseCreateClusterInput,
  parseOnboardAppInput,
} from '@aks-baseline/plugin-scaffolder-backend-module-aks-baseline';
import { buildHubFirewall, buildHubVirtualNetwork } from '../baselineStamp';
import { buildHubPolicy } from '../hubPolicy';
import { runningCluster } from './clusterRuntime';

/**
 * A cluster made by our own generators, as Azure and the cluster would show
 * it after `az deployment group create` and GitOps: create-cluster's ARM
 * template rendered into ARM's GET bodies (its parameters given values), its
 * hub rule collection group applied to a hub policy, Traefik's manifests and
 * one app onboarded by onboard-app (its App Gateway fragment merged into the
 * gateway, its manifests applied, plus the Deployment and Service the app
 * team adds), and what the cluster's controllers make of them (pods,
 * EndpointSlices, the internal load balancer's address). Nothing here is a
 * hand-kept copy of a generated object.
 */

export interface GeneratedStampOptions {
  /** The create-cluster action's input. */
  cluster: Record<string, unknown>;
  /** The onboard-app action's input (cluster, vault and Traefik fields are filled in from the cluster). */
  app: Record<string, unknown>;
  /**
   * Days from `now` until each certificate's expiry, by the template's int
   * expiry parameter (`edgeCertificateExpiresOn`, ...); a year when not given.
   */
  certificateDaysLeft?: Record<string, number>;
  now: Date;
  /**
   * The hub firewall policy the stamp's rule collection group is added to
   * (the demo's shared hub); default: a hub of its own, with the firewall
   * the spec names.
   */
  hubPolicy?: ArmResource;
  /**
   * Resources of the generated template the user left out when deploying
   * (e.g. the nested deployment making the hub's side of the peering): what
   * Azure then shows is rendered without them.
   */
  leaveOut?: (resource: Record<string, unknown>) => boolean;
}

export interface GeneratedStamp {
  clusterName: string;
  /**
   * ARM GET bodies: the spoke (its peering with the hub inside), the
   * cluster, its vault, secrets and registry; the hub's policy (with the
   * stamp's rule collection group and IP group); the hub's firewall and VNet,
   * the hub's side of the peering inside, unless `hubPolicy` was given (then
   * that peering is a body of its own: fold it into the hub VNet you have,
   * with `foldChildResources`).
   */
  resources: ArmResource[];
  /** The cluster's objects as its API server lists them. */
  objects: KubernetesObject[];
  /** The app's Deployment and Service names and namespace. */
  app: { name: string; namespace: string; host: string };
  /** Traefik's namespace, as the Kubernetes reader must be configured. */
  traefikNamespace: string;
  /** The catalog entities create-cluster and onboard-app write. */
  entities: { cluster: Record<string, unknown>; app: Record<string, unknown> };
}

const HUB_RESOURCE_GROUP = 'rg-enterprise-networking-hubs';
const DAY_SECONDS = 24 * 60 * 60;
/** A certificate's lifetime left when the caller names none (the template requires each expiry). */
const DEFAULT_CERTIFICATE_DAYS = 365;

/** Deterministic stand-ins for the certificate material ARM writes into the vault. */
function parameterValues(
  template: ArmTemplateInput,
  options: GeneratedStampOptions,
): Record<string, unknown> {
  const now = Math.floor(options.now.getTime() / 1000);
  return Object.fromEntries(
    Object.entries(template.parameters ?? {}).flatMap(
      ([name, declared]): Array<[string, unknown]> => {
        if (declared.type.toLowerCase() === 'securestring') {
          return [[name, Buffer.from(`${name} material`).toString('base64')]];
        }
        if (declared.type.toLowerCase() === 'int') {
          const days =
            options.certificateDaysLeft?.[name] ?? DEFAULT_CERTIFICATE_DAYS;
          return [[name, now + Math.round(days * DAY_SECONDS)]];
        }
        return [];
      },
    ),
  );
}

/** The template without the resources the user left out, and without dependencies on them. */
function withoutLeftOut(
  template: ArmTemplateInput,
  leaveOut: GeneratedStampOptions['leaveOut'],
): ArmTemplateInput {
  if (!leaveOut) return template;
  const dropped = template.resources.filter(leaveOut);
  const droppedNames = new Set(dropped.map(r => String(r.name)));
  const namesDropped = (dependency: string) =>
    [...droppedNames].some(name => dependency.includes(`'${name}'`));
  return {
    ...template,
    resources: template.resources
      .filter(r => !leaveOut(r))
      .map(r =>
        Array.isArray(r.dependsOn)
          ? {
              ...r,
              dependsOn: (r.dependsOn as string[]).filter(
                d => !namesDropped(d),
              ),
            }
          : r,
      ),
  };
}

/** The fragment's lists appended to the gateway's, its parameters to the template's. */
function withAppGatewayFragment(
  template: ArmTemplateInput,
  fragment: {
    parameters: Record<string, any>;
    properties: Record<string, unknown[]>;
  },
): ArmTemplateInput {
  return {
    ...template,
    parameters: { ...template.parameters, ...fragment.parameters },
    resources: template.resources.map(resource => {
      if (resource.type !== 'Microsoft.Network/applicationGateways') {
        return resource;
      }
      const properties = {
        ...(resource.properties as Record<string, unknown[]>),
      };
      for (const [collection, items] of Object.entries(fragment.properties)) {
        properties[collection] = [...(properties[collection] ?? []), ...items];
      }
      return { ...resource, properties };
    }),
  };
}

export function buildGeneratedStamp(
  options: GeneratedStampOptions,
): GeneratedStamp {
  const { spec } = parseCreateClusterInput(options.cluster);
  const generated = generateCluster(spec);
  const scope: DeploymentScope = {
    subscriptionId: spec.subscriptionId,
    resourceGroup: spec.resourceGroup,
    location: spec.location,
    tenantId: spec.entra.tenantId,
  };
  const names = generated.names;
  // The identity Traefik's and the app's CSI volumes read Key Vault with.
  const preview = renderArmTemplate({
    template: generated.template as unknown as ArmTemplateInput,
    parameters: parameterValues(generated.template as any, options),
    scope,
  });
  const traefikIdentity = preview.resources.find(
    r => r.name === names.identities.traefik,
  )!;
  const onboarding = parseOnboardAppInput({
    cluster: `resource:default/${spec.clusterName}`,
    keyVaultName: spec.keyVault.name,
    tenantId: spec.entra.tenantId,
    traefikNamespace: spec.traefik.namespace,
    appGatewaySubnetCidr: spec.network.appGatewaySubnet,
    certificateReaderClientId: traefikIdentity.properties.clientId,
    gatewayCertificateName: spec.keyVault.edgeCertificateName,
    certificateName: spec.keyVault.ingressCertificateName,
    ...options.app,
  }).spec;
  const app = generateOnboarding(onboarding);

  const template = withoutLeftOut(
    withAppGatewayFragment(
      generated.template as unknown as ArmTemplateInput,
      app.appGateway,
    ),
    options.leaveOut,
  );
  const spoke = renderArmTemplate({
    template,
    parameters: parameterValues(template, options),
    scope,
    deployedAt: options.now,
  });
  return {
    clusterName: spec.clusterName,
    resources: foldChildResources([
      ...spoke.resources,
      ...(hubResources(spec, generated, options) as RenderedBody[]),
    ]),
    objects: runningCluster(
      [
        ...generated.manifests,
        ...app.manifests,
        ...appWorkload(onboarding, generated.names.registry.loginServer),
      ],
      spec.network.nodeSubnet,
    ),
    app: {
      name: onboarding.appName,
      namespace: onboarding.namespace,
      host: onboarding.host,
    },
    traefikNamespace: spec.traefik.namespace,
    entities: { cluster: generated.catalogInfo, app: app.catalogInfo },
  };
}

/**
 * The hub's side: the rule collection group hub/egress-rules.json adds to
 * the hub's firewall policy (the one given, or a policy of its own governing
 * the firewall the spec names), and that policy listing it.
 */
function hubResources(
  spec: ReturnType<typeof parseCreateClusterInput>['spec'],
  generated: ReturnType<typeof generateCluster>,
  options: GeneratedStampOptions,
): ArmResource[] {
  const policy =
    options.hubPolicy ??
    buildHubPolicy({
      subscriptionId: spec.subscriptionId,
      location: spec.location,
      threatIntelMode: 'Deny',
      spokes: [],
    })[0];
  const egress = renderArmTemplate({
    template: generated.hubEgress as unknown as ArmTemplateInput,
    parameters: { firewallPolicyName: policy.name },
    scope: {
      subscriptionId: spec.subscriptionId,
      resourceGroup: HUB_RESOURCE_GROUP,
      location: spec.location,
      tenantId: spec.entra.tenantId,
    },
    deployedAt: options.now,
  }).resources;
  const groups = egress.filter(r => /\/ruleCollectionGroups\//i.test(r.id));
  const listed = (policy.properties?.ruleCollectionGroups ?? []) as Array<{
    id: string;
  }>;
  const withGroups = {
    ...policy,
    properties: {
      ...policy.properties,
      ruleCollectionGroups: [...listed, ...groups.map(g => ({ id: g.id! }))],
    },
  };
  if (options.hubPolicy) return [withGroups, ...egress];
  const hubLocation = {
    subscriptionId: spec.subscriptionId,
    location: spec.location,
    privateIp: spec.firewall.privateIp,
    // The hub VNet the template peers the spoke with holds the firewall.
    virtualNetworkId: spec.hub.id,
  };
  const firewall = buildHubFirewall({
    ...hubLocation,
    firewallPolicyId: policy.id,
  });
  return [
    // The hub VNet; the hub's side of the peering folds into it.
    buildHubVirtualNetwork(hubLocation),
    // The firewall the spec names, governed by the policy.
    {
      ...firewall,
      id: spec.firewall.resourceId,
      name: spec.firewall.resourceId.split('/').pop(),
    },
    withGroups,
    ...egress,
  ];
}

/**
 * What the app team deploys next to the onboarding: its Deployment (its
 * image imported into the stamp's registry, as every image there must be)
 * and Service.
 */
function appWorkload(
  onboarding: ReturnType<typeof parseOnboardAppInput>['spec'],
  registryLoginServer: string,
): KubernetesObject[] {
  const labels = { 'app.kubernetes.io/name': onboarding.appName };
  const port =
    typeof onboarding.targetPort === 'number'
      ? { name: 'http', containerPort: onboarding.targetPort, protocol: 'TCP' }
      : { name: onboarding.targetPort, containerPort: 8443, protocol: 'TCP' };
  return [
    {
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      metadata: {
        name: onboarding.appName,
        namespace: onboarding.namespace,
        labels,
      },
      spec: {
        replicas: 2,
        selector: { matchLabels: labels },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: onboarding.appName,
            containers: [
              {
                name: onboarding.appName,
                image: `${registryLoginServer}/${onboarding.appName}:1.0.0`,
                ports: [port],
              },
            ],
          },
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: {
        name: onboarding.appName,
        namespace: onboarding.namespace,
        labels,
      },
      spec: {
        type: 'ClusterIP',
        selector: labels,
        ports: [
          {
            name: port.name,
            port: onboarding.servicePort,
            targetPort: port.name,
            protocol: 'TCP',
          },
        ],
      },
    },
  ];
}
