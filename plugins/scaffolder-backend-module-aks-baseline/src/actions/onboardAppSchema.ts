import { createTemplateAction } from '@backstage/plugin-scaffolder-node';
import { ONBOARD_APP_DEFAULTS as DEFAULTS } from '../validation/defaults';
import * as rules from '../validation/rules';

/*
 * The action's input schema. The scaffolder turns it into the JSON schema it
 * checks input against, and that the form and the action docs show; patterns
 * and limits come from the same rules the handler enforces.
 */

/** The zod instance the scaffolder passes to schema callbacks. */
export type ZodImpl = Parameters<
  Extract<
    NonNullable<
      NonNullable<Parameters<typeof createTemplateAction>[0]['schema']>['input']
    >,
    (zImpl: any) => unknown
  >
>[0];

/**
 * Any schema of that instance. The callbacks are typed this loosely on
 * purpose: the handler treats its input as unknown and parses it with the
 * full rules (the schema's types would claim defaults the scaffolder never
 * applies).
 */
export type ZodSchema = InstanceType<ZodImpl['ZodType']>;

export const onboardAppInputSchema = (z: ZodImpl): ZodSchema => {
  const pattern = (source: string) => new RegExp(source);
  const label = () =>
    z
      .string()
      .max(rules.RFC1123_LABEL_MAX_LENGTH)
      .regex(pattern(rules.RFC1123_LABEL_PATTERN));
  const hostName = () =>
    z
      .string()
      .max(rules.HOST_NAME_MAX_LENGTH)
      .regex(pattern(rules.HOST_NAME_PATTERN));
  const guid = () => z.string().regex(pattern(rules.GUID_PATTERN));
  const port = () => z.number().int().min(rules.PORT_MIN).max(rules.PORT_MAX);
  const cidr = () => z.string().regex(pattern(rules.IPV4_CIDR_PATTERN));
  const labels = () =>
    z.record(
      z.string().regex(pattern(rules.LABEL_KEY_PATTERN)),
      z.string().max(63).regex(pattern(rules.LABEL_VALUE_PATTERN)),
    );
  const keyVaultObject = () =>
    z.string().regex(pattern(rules.KEY_VAULT_OBJECT_NAME_PATTERN));
  const folder = () => z.string().regex(pattern(rules.WORKSPACE_DIR_PATTERN));
  return z.object({
    appName: label().describe(
      "App name (RFC 1123 label, at most 63 characters): names the catalog Component, the pods' label app.kubernetes.io/name, the Service and the route.",
    ),
    owner: z
      .string()
      .describe('Owner of the app: entity ref of a Group or User.'),
    cluster: z
      .string()
      .describe(
        'Target cluster: entity ref of a Resource of type kubernetes-cluster, e.g. resource:default/aks-prod-weu.',
      ),
    namespace: label()
      .optional()
      .describe(
        "Namespace for the app (RFC 1123 label; not default, kube-* or Traefik's). Defaults to the app name.",
      ),
    host: hostName().describe(
      'Public host name of the app, e.g. my-app.contoso.com. Served by App Gateway and matched by Traefik.',
    ),
    ingressDomain: hostName()
      .optional()
      .describe(
        "The cluster's ingress domain, when it has one: the host must be a name inside it.",
      ),
    servicePort: port()
      .default(DEFAULTS.servicePort)
      .describe(
        "Port of the app's Service that Traefik forwards to (1-65535).",
      ),
    targetPort: z
      .union([
        port(),
        z.string().regex(pattern(rules.TARGET_PORT_TEXT_PATTERN)),
      ])
      .describe(
        'Container port the Service targets: a number (1-65535) or a port name (IANA_SVC_NAME, e.g. http). Only Traefik may reach it.',
      ),
    traefikNamespace: label()
      .default(DEFAULTS.traefikNamespace)
      .describe('Namespace Traefik runs in.'),
    traefikPodLabels: labels()
      .default({ ...DEFAULTS.traefikPodLabels })
      .describe("Labels that select Traefik's pods (at least one)."),
    appGatewaySubnetCidr: cidr()
      .optional()
      .describe(
        'App Gateway subnet (IPv4 CIDR, e.g. 10.240.5.0/24), when known: Traefik then admits only this subnet to the route.',
      ),
    keyVaultName: z
      .string()
      .regex(pattern(rules.KEY_VAULT_NAME_PATTERN))
      .describe(
        'Key Vault holding the certificates (3-24 letters, digits and hyphens, starting with a letter).',
      ),
    keyVaultDnsSuffix: hostName()
      .default(DEFAULTS.keyVaultDnsSuffix)
      .describe(
        'Key Vault DNS suffix of the cloud (vault.azure.net in Azure public cloud).',
      ),
    tenantId: guid().describe('Entra ID tenant id of the Key Vault (GUID).'),
    certificateReaderClientId: guid().describe(
      'Client id (GUID) of the managed identity that reads the certificate from Key Vault through workload identity.',
    ),
    certificateName: keyVaultObject().describe(
      'Key Vault certificate Traefik serves for the host (synced into a kubernetes.io/tls secret).',
    ),
    gatewayCertificateName: keyVaultObject()
      .optional()
      .describe(
        'Key Vault certificate App Gateway serves to the Internet. Defaults to certificateName.',
      ),
    appIdentityClientId: guid()
      .optional()
      .describe(
        "Client id (GUID) of the app's own workload identity, if it has one: annotates its ServiceAccount.",
      ),
    egress: z
      .array(
        z.object({
          namespace: label()
            .optional()
            .describe('Destination namespace (or give cidr).'),
          podLabels: labels()
            .optional()
            .describe(
              'Labels selecting the destination pods in that namespace.',
            ),
          cidr: cidr()
            .optional()
            .describe('Destination IPv4 CIDR (or give namespace).'),
          ports: z
            .array(
              z.object({
                port: port().describe('Destination port (1-65535).'),
                protocol: z
                  .enum(['TCP', 'UDP', 'SCTP'])
                  .default('TCP')
                  .describe('Protocol.'),
              }),
            )
            .min(1)
            .max(10)
            .describe('Ports allowed to that destination.'),
        }),
      )
      .max(20)
      .optional()
      .describe(
        'Egress the app needs beyond DNS: to pods (namespace, optional pod labels) or to a CIDR, with ports. Everything else is denied.',
      ),
    healthProbePath: z
      .string()
      .regex(pattern(rules.HTTP_PATH_PATTERN))
      .default(DEFAULTS.healthProbePath)
      .describe(
        "Path App Gateway's HTTPS probe requests; must answer 200-399.",
      ),
    routingRulePriority: z
      .number()
      .int()
      .min(rules.ROUTING_RULE_PRIORITY_MIN)
      .max(rules.ROUTING_RULE_PRIORITY_MAX)
      .default(DEFAULTS.routingRulePriority)
      .describe(
        'Priority of the App Gateway routing rule (1-20000, unique per gateway).',
      ),
    outputDir: folder()
      .default(DEFAULTS.outputDir)
      .describe(
        "Workspace folder for the cluster's GitOps repository (manifests, kustomization.yaml, catalog-info.yaml).",
      ),
    platformOutputDir: folder()
      .default(DEFAULTS.platformOutputDir)
      .describe(
        'Workspace folder for the App Gateway ARM fragment (platform infrastructure repository).',
      ),
  });
};
