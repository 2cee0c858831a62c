// zod's v3 API, as the scaffolder passes it (ZodImpl); imported here so the
// exported fields' declared types can name zod's classes.
import type * as zod from 'zod/v3';
import { CLUSTER_RULE_PRIORITY } from '../generators/cluster/arm/appGateway';
import { ONBOARD_APP_DEFAULTS as DEFAULTS } from '../validation/defaults';
import {
  FieldSchemas,
  integer,
  labelMap,
  list,
  oneOf,
  port,
  text,
} from '../validation/fields';
import {
  PORT_NUMBER_TEXT_PATTERN,
  ROUTING_RULE_PRIORITY_MAX,
  ROUTING_RULE_PRIORITY_MIN,
  matches,
} from '../validation/rules';
import * as rules from '../validation/textRules';

/*
 * The onboard-app action's input, defined once: the scaffolder derives the
 * JSON schema it checks (and the form and the action docs show) from these
 * fields, and the handler parses its input with them (`parseActionInput`),
 * defaults included. Rules between fields (the host inside the ingress
 * domain, the namespace apart from Traefik's...) are in
 * `validation/onboardAppInput.ts`.
 */

/**
 * App Gateway evaluates rules lowest number first: an app's rule must come
 * before the catch-all rule the cluster template gives the gateway (and so
 * never take its priority).
 */
const APP_RULE_PRIORITY_MAX = Math.min(
  ROUTING_RULE_PRIORITY_MAX,
  CLUSTER_RULE_PRIORITY - 1,
);

const labels = (z: typeof zod.z) =>
  labelMap(
    z,
    { key: rules.labelKey, value: rules.labelValue },
    'an empty selector would match every pod',
  );

/** A number, or text the form's text field sends: a number or a port name. */
const targetPort = (z: typeof zod.z) =>
  z.union([port(z), text(z, rules.targetPortText)], {
    errorMap: () => ({ message: rules.targetPortText.description }),
  });

const egressAllowance = (z: typeof zod.z) =>
  z
    .object({
      namespace: text(z, rules.rfc1123Label)
        .optional()
        .describe('Destination namespace (or give cidr).'),
      podLabels: labels(z)
        .optional()
        .describe('Labels selecting the destination pods in that namespace.'),
      cidr: text(z, rules.ipv4Cidr)
        .optional()
        .describe('Destination IPv4 CIDR (or give namespace).'),
      ports: list(
        z,
        z
          .object({
            port: port(z).describe('Destination port (1-65535).'),
            protocol: oneOf(z, ['TCP', 'UDP', 'SCTP'])
              .default('TCP')
              .describe('Protocol.'),
          })
          .strict(),
        { min: 1, max: 10 },
      ).describe('Ports allowed to that destination.'),
    })
    .strict();

/** How a field the stamp contract covers says where its default comes from. */
const FROM_CLUSTER =
  "Defaults to the cluster entity's stamp contract (aks-baseline.io/stamp-* annotations); a value given here wins.";

export const onboardAppInputFields = {
  // The app name names the Service Traefik routes to, the strictest of the
  // objects it names (also the ServiceAccount, the SecretProviderClass, the
  // route, the pods' label, the catalog Component, App Gateway's listener).
  appName: z =>
    text(z, rules.dns1035Label).describe(
      "App name (DNS-1035 label: starts with a letter, at most 63 characters): names the Service Traefik routes to, the catalog Component, the pods' label app.kubernetes.io/name, the ServiceAccount and the route.",
    ),
  owner: z =>
    text(z, rules.entityRef(['group', 'user'])).describe(
      'Owner of the app: entity ref of a Group or User.',
    ),
  cluster: z =>
    text(z, rules.entityRef(['resource'])).describe(
      'Target cluster: entity ref of a Resource of type kubernetes-cluster, e.g. resource:default/aks-prod-weu.',
    ),
  namespace: z =>
    text(z, rules.ownNamespace)
      .optional()
      .describe(
        "Namespace for the app (RFC 1123 label; not default, kube-* or Traefik's). Defaults to the app name.",
      ),
  host: z =>
    text(z, rules.hostName).describe(
      'Public host name of the app, e.g. my-app.contoso.com. Served by App Gateway and matched by Traefik.',
    ),
  ingressDomain: z =>
    text(z, rules.hostName)
      .optional()
      .describe(
        `The cluster's ingress domain: the host must be a name inside it. ${FROM_CLUSTER}`,
      ),
  servicePort: z =>
    port(z)
      .default(DEFAULTS.servicePort)
      .describe(
        "Port of the app's Service that Traefik forwards to (1-65535).",
      ),
  targetPort: z =>
    targetPort(z).describe(
      'Container port the Service targets: a number (1-65535) or a port name (IANA_SVC_NAME, e.g. http). Only Traefik may reach it.',
    ),
  traefikNamespace: z =>
    text(z, rules.rfc1123Label)
      .optional()
      .describe(
        `Namespace Traefik runs in. ${FROM_CLUSTER} Else ${DEFAULTS.traefikNamespace}.`,
      ),
  traefikPodLabels: z =>
    labels(z)
      .optional()
      .describe(
        `Labels that select Traefik's pods (at least one). ${FROM_CLUSTER} Else app.kubernetes.io/name: traefik-ingress-ilb.`,
      ),
  appGatewaySubnetCidr: z =>
    text(z, rules.appGatewaySubnet)
      .optional()
      .describe(
        `App Gateway subnet (private IPv4 CIDR, /26 or larger, e.g. 10.240.5.0/24), when known: Traefik then admits only this subnet to the route. The same rule as create-cluster's. ${FROM_CLUSTER}`,
      ),
  keyVaultName: z =>
    text(z, rules.keyVaultName)
      .optional()
      .describe(
        `Key Vault holding the certificates (3-24 letters, digits and hyphens, starting with a letter). ${FROM_CLUSTER} Required when the cluster has none.`,
      ),
  keyVaultDnsSuffix: z =>
    text(z, rules.hostName)
      .optional()
      .describe(
        `Key Vault DNS suffix of the cloud. ${FROM_CLUSTER} Else ${DEFAULTS.keyVaultDnsSuffix} (Azure public cloud).`,
      ),
  tenantId: z =>
    text(z, rules.guid)
      .optional()
      .describe(
        `Entra ID tenant id of the Key Vault (GUID). ${FROM_CLUSTER} Required when the cluster has none.`,
      ),
  certificateReaderClientId: z =>
    text(z, rules.guid)
      .optional()
      .describe(
        `Client id (GUID) of the managed identity that reads the certificate from Key Vault through workload identity. ${FROM_CLUSTER} Required when the cluster has none.`,
      ),
  certificateName: z =>
    text(z, rules.keyVaultObjectName).describe(
      'Key Vault certificate Traefik serves for the host (synced into a kubernetes.io/tls secret).',
    ),
  gatewayCertificateName: z =>
    text(z, rules.keyVaultObjectName)
      .optional()
      .describe(
        'Key Vault certificate App Gateway serves to the Internet. Defaults to certificateName.',
      ),
  appIdentityClientId: z =>
    text(z, rules.guid)
      .optional()
      .describe(
        "Client id (GUID) of the app's own workload identity, if it has one: annotates its ServiceAccount.",
      ),
  egress: z =>
    list(z, egressAllowance(z), { min: 0, max: 20 })
      .default([])
      .describe(
        'Egress the app needs beyond DNS: to pods (namespace, optional pod labels) or to a CIDR, with ports. Everything else is denied.',
      ),
  healthProbePath: z =>
    text(z, rules.httpPath)
      .default(DEFAULTS.healthProbePath)
      .describe(
        "Path App Gateway's HTTPS probe requests; must answer 200-399.",
      ),
  routingRulePriority: z =>
    integer(z, {
      min: ROUTING_RULE_PRIORITY_MIN,
      max: APP_RULE_PRIORITY_MAX,
      what: `a routing rule priority before the cluster's catch-all rule for *.<domain> (priority ${CLUSTER_RULE_PRIORITY})`,
    })
      .default(DEFAULTS.routingRulePriority)
      .describe(
        `Priority of the App Gateway routing rule (1-${APP_RULE_PRIORITY_MAX}: the cluster's catch-all rule has ${CLUSTER_RULE_PRIORITY}; unique per gateway).`,
      ),
  outputDir: z =>
    text(z, rules.workspaceDir)
      .default(DEFAULTS.outputDir)
      .describe(
        "Workspace folder for the cluster's GitOps repository (manifests, kustomization.yaml, catalog-info.yaml).",
      ),
  platformOutputDir: z =>
    text(z, rules.workspaceDir)
      .default(DEFAULTS.platformOutputDir)
      .describe(
        'Workspace folder for the App Gateway ARM fragment (platform infrastructure repository).',
      ),
} satisfies FieldSchemas;

/** A target port as the Service takes it: numbers as numbers, names as text. */
export function targetPortValue(value: number | string): number | string {
  return typeof value === 'string' && matches(PORT_NUMBER_TEXT_PATTERN, value)
    ? Number(value)
    : value;
}
