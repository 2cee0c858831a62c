import {
  TAG_GATEWAY_CATCH_ALL_RULE,
  TAG_GATEWAY_CLUSTER,
} from '@aks-baseline/plugin-aks-baseline-common';
import { ClusterNames } from '../names';
import { ClusterSpec } from '../spec';
import { zonesOf } from './edge';
import {
  API_VERSIONS,
  ArmTemplateResource,
  RESOURCE_TYPES,
  ref,
  resourceId,
} from './expressions';
import { certificateParameters, keyVaultSecretUri } from './keyVault';
import { subnetRef } from './network';
import { roleAssignmentId, roleGrants } from './roleAssignments';

/** The tag the dashboard associates a gateway with its cluster by. */
export const GATEWAY_CLUSTER_TAG = TAG_GATEWAY_CLUSTER;

/**
 * The catch-all rule's priority: the lowest App Gateway allows, so every rule
 * an onboarded app adds (onboard-app's routingRulePriority) comes first.
 */
export const CLUSTER_RULE_PRIORITY = 20000;

/** Traefik's ping, routed on its websecure entry point for App Gateway's probe. */
export const HEALTH_PROBE_PATH = '/ping';

/**
 * Application Gateway WAF_v2 in front of Traefik (WAF-01, TLS-01..04,
 * ING-01): TLS 1.2+ predefined policy, an HTTPS listener for the public
 * wildcard with its certificate from Key Vault, re-encryption to Traefik's
 * internal IP on 443 trusting the ingress certificate's root (also from Key
 * Vault), and an HTTPS probe of Traefik's ping.
 *
 * The backend host name is inside the ingress wildcard, so the TLS session
 * to Traefik names a host its default certificate covers. Apps onboarded
 * later add their own listener and backend settings for their public host.
 */
export function applicationGateway(
  spec: ClusterSpec,
  names: ClusterNames,
  tags: Record<string, string>,
): ArmTemplateResource {
  const gw = names.appGateway;
  const child = (kind: string, name: string) =>
    ref(`${RESOURCE_TYPES.appGateway}/${kind}`, gw, name);
  const n = names.gateway;
  const certificateSecrets = certificateParameters(spec)
    .filter(c => c.secretName !== spec.keyVault.ingressCertificateName)
    .map(c =>
      resourceId(
        RESOURCE_TYPES.keyVaultSecret,
        spec.keyVault.name,
        c.secretName,
      ),
    );
  return {
    type: RESOURCE_TYPES.appGateway,
    apiVersion: API_VERSIONS.network,
    name: gw,
    location: spec.location,
    tags: {
      ...tags,
      [GATEWAY_CLUSTER_TAG]: spec.clusterName,
      // Hosts without an app listener land here and get Traefik's 404.
      [TAG_GATEWAY_CATCH_ALL_RULE]: names.gateway.rule,
    },
    ...zonesOf(spec),
    identity: {
      type: 'UserAssigned',
      userAssignedIdentities: {
        [resourceId(RESOURCE_TYPES.identity, names.identities.appGateway)]: {},
      },
    },
    dependsOn: [
      resourceId(RESOURCE_TYPES.vnet, names.vnet),
      resourceId(RESOURCE_TYPES.publicIp, names.publicIp),
      resourceId(RESOURCE_TYPES.wafPolicy, names.wafPolicy),
      resourceId(RESOURCE_TYPES.identity, names.identities.appGateway),
      // App Gateway reads its certificates while it is created: the role,
      // the secrets and the private path to the vault must exist first.
      ...roleGrants(spec, names)
        .filter(grant => grant.identity === names.identities.appGateway)
        .map(roleAssignmentId),
      ...certificateSecrets,
      resourceId(
        RESOURCE_TYPES.privateDnsZoneGroup,
        names.keyVaultPrivateEndpoint,
        'default',
      ),
      resourceId(
        RESOURCE_TYPES.privateDnsZoneLink,
        names.keyVaultPrivateDnsZone,
        names.keyVaultDnsLink,
      ),
    ],
    properties: {
      sku: { name: 'WAF_v2', tier: 'WAF_v2' },
      autoscaleConfiguration: { minCapacity: 0, maxCapacity: 10 },
      sslPolicy: {
        policyType: 'Predefined',
        // TLS 1.2 and 1.3 only, with strong cipher suites.
        policyName: 'AppGwSslPolicy20220101S',
      },
      firewallPolicy: ref(RESOURCE_TYPES.wafPolicy, names.wafPolicy),
      enableHttp2: true,
      gatewayIPConfigurations: [
        {
          name: n.ipConfiguration,
          properties: {
            subnet: subnetRef(names, names.subnets.appGateway),
          },
        },
      ],
      frontendIPConfigurations: [
        {
          name: n.frontendIp,
          properties: {
            publicIPAddress: ref(RESOURCE_TYPES.publicIp, names.publicIp),
          },
        },
      ],
      frontendPorts: [{ name: n.frontendPort, properties: { port: 443 } }],
      sslCertificates: [
        {
          name: n.edgeCertificate,
          properties: {
            keyVaultSecretId: keyVaultSecretUri(
              spec,
              spec.keyVault.edgeCertificateName,
            ),
          },
        },
      ],
      trustedRootCertificates: [
        {
          name: n.backendRoot,
          properties: {
            keyVaultSecretId: keyVaultSecretUri(
              spec,
              spec.keyVault.backendRootCertificateName,
            ),
          },
        },
      ],
      probes: [
        {
          name: n.probe,
          properties: {
            protocol: 'Https',
            path: HEALTH_PROBE_PATH,
            interval: 30,
            timeout: 30,
            unhealthyThreshold: 3,
            pickHostNameFromBackendHttpSettings: true,
            minServers: 0,
            match: { statusCodes: ['200-399'] },
          },
        },
      ],
      backendAddressPools: [
        {
          name: n.backendPool,
          properties: {
            backendAddresses: [{ ipAddress: spec.network.traefikIp }],
          },
        },
      ],
      backendHttpSettingsCollection: [
        {
          name: n.backendSettings,
          properties: {
            port: 443,
            protocol: 'Https',
            cookieBasedAffinity: 'Disabled',
            hostName: names.backendHostName,
            pickHostNameFromBackendAddress: false,
            requestTimeout: 20,
            probe: child('probes', n.probe),
            trustedRootCertificates: [
              child('trustedRootCertificates', n.backendRoot),
            ],
          },
        },
      ],
      httpListeners: [
        {
          name: n.listener,
          properties: {
            frontendIPConfiguration: child(
              'frontendIPConfigurations',
              n.frontendIp,
            ),
            frontendPort: child('frontendPorts', n.frontendPort),
            protocol: 'Https',
            sslCertificate: child('sslCertificates', n.edgeCertificate),
            hostNames: [names.publicWildcard],
            requireServerNameIndication: true,
          },
        },
      ],
      requestRoutingRules: [
        {
          name: n.rule,
          properties: {
            ruleType: 'Basic',
            priority: CLUSTER_RULE_PRIORITY,
            httpListener: child('httpListeners', n.listener),
            backendAddressPool: child('backendAddressPools', n.backendPool),
            backendHttpSettings: child(
              'backendHttpSettingsCollection',
              n.backendSettings,
            ),
          },
        },
      ],
    },
  };
}
