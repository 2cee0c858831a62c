import { OnboardingSpec } from './spec';

/**
 * The App Gateway side of the route, as data for the platform's
 * infrastructure repository: an ARM fragment to merge into the gateway's
 * `properties` (ARM cannot patch one listener into an existing gateway, so
 * the platform team merges and deploys it with the rest of the gateway).
 *
 * Edge: HTTPS listener for the host with the certificate from Key Vault
 * (TLS-02). Backend: HTTPS on 443 to Traefik, re-encrypted and checked
 * against the gateway's trusted root (TLS-03), with an HTTPS probe (TLS-04)
 * that sends the same host name Traefik routes on.
 *
 * Names the gateway already has (the gateway, frontend, port, backend pool,
 * trusted root) are ARM parameters whose defaults are the spec's target: the
 * cluster's stamp contract, or the names create-cluster gives them.
 */

const GATEWAY_TYPE = 'Microsoft.Network/applicationGateways';

export type AppGatewayFragment = {
  $comment: string;
  parameters: Record<string, ArmParameter>;
  properties: Record<string, ArmSubResource[]>;
};

type ArmParameter = {
  type: 'string';
  defaultValue?: string;
  metadata: { description: string };
};

type ArmSubResource = { name: string; properties: Record<string, unknown> };

export function appGatewayNames(spec: OnboardingSpec) {
  const app = spec.appName;
  return {
    sslCertificate: `${app}-ssl-certificate`,
    listener: `${app}-https-listener`,
    probe: `${app}-https-probe`,
    backendSettings: `${app}-backend-https`,
    routingRule: `${app}-routing-rule`,
  };
}

export function appGatewayFragment(spec: OnboardingSpec): AppGatewayFragment {
  const names = appGatewayNames(spec);
  const { keyVault } = spec;
  const target = spec.appGateway.target;
  return {
    $comment: `App Gateway configuration for ${spec.appName} (https://${spec.host}). Merge each list into the gateway's properties; set the parameters.`,
    parameters: {
      applicationGatewayName: {
        type: 'string',
        defaultValue: target.name,
        metadata: { description: "The cluster's Application Gateway." },
      },
      frontendIPConfigurationName: {
        type: 'string',
        defaultValue: target.frontendIpConfiguration,
        metadata: { description: 'The public frontend IP configuration.' },
      },
      frontendPortName: {
        type: 'string',
        defaultValue: target.frontendPort,
        metadata: { description: 'The frontend port for 443.' },
      },
      backendAddressPoolName: {
        type: 'string',
        defaultValue: target.backendPool,
        metadata: {
          description:
            "The pool that targets Traefik's internal load balancer (ING-01).",
        },
      },
      trustedRootCertificateName: {
        type: 'string',
        defaultValue: target.trustedRootCertificate,
        metadata: {
          description: "The trusted root that Traefik's certificate chains to.",
        },
      },
    },
    properties: {
      sslCertificates: [
        {
          name: names.sslCertificate,
          properties: {
            // Unversioned, so the gateway picks up rotations.
            keyVaultSecretId: `https://${keyVault.name}.${keyVault.dnsSuffix}/secrets/${keyVault.gatewayCertificateName}`,
          },
        },
      ],
      httpListeners: [
        {
          name: names.listener,
          properties: {
            frontendIPConfiguration: {
              id: subResourceId(
                'frontendIPConfigurations',
                parameter('frontendIPConfigurationName'),
              ),
            },
            frontendPort: {
              id: subResourceId('frontendPorts', parameter('frontendPortName')),
            },
            protocol: 'Https',
            sslCertificate: {
              id: subResourceId(
                'sslCertificates',
                literal(names.sslCertificate),
              ),
            },
            hostName: spec.host,
            requireServerNameIndication: true,
          },
        },
      ],
      probes: [
        {
          name: names.probe,
          properties: {
            protocol: 'Https',
            path: spec.appGateway.healthProbePath,
            interval: 30,
            timeout: 30,
            unhealthyThreshold: 3,
            pickHostNameFromBackendHttpSettings: true,
            match: { statusCodes: ['200-399'] },
          },
        },
      ],
      backendHttpSettingsCollection: [
        {
          name: names.backendSettings,
          properties: {
            port: 443,
            protocol: 'Https',
            cookieBasedAffinity: 'Disabled',
            // Traefik routes on the public host name, so send it as is.
            hostName: spec.host,
            pickHostNameFromBackendAddress: false,
            requestTimeout: 20,
            probe: { id: subResourceId('probes', literal(names.probe)) },
            trustedRootCertificates: [
              {
                id: subResourceId(
                  'trustedRootCertificates',
                  parameter('trustedRootCertificateName'),
                ),
              },
            ],
          },
        },
      ],
      requestRoutingRules: [
        {
          name: names.routingRule,
          properties: {
            ruleType: 'Basic',
            priority: spec.appGateway.routingRulePriority,
            httpListener: {
              id: subResourceId('httpListeners', literal(names.listener)),
            },
            backendAddressPool: {
              id: subResourceId(
                'backendAddressPools',
                parameter('backendAddressPoolName'),
              ),
            },
            backendHttpSettings: {
              id: subResourceId(
                'backendHttpSettingsCollection',
                literal(names.backendSettings),
              ),
            },
          },
        },
      ],
    },
  };
}

/** An ARM expression for a sub-resource of the gateway. */
function subResourceId(collection: string, nameExpression: string): string {
  return `[resourceId('${GATEWAY_TYPE}/${collection}', parameters('applicationGatewayName'), ${nameExpression})]`;
}

function parameter(name: string): string {
  return `parameters('${name}')`;
}

/**
 * A string literal inside an ARM expression. Names are built from the
 * validated app name; refusing anything else keeps a quote from ever
 * reaching an expression.
 */
function literal(name: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/.test(name)) {
    throw new Error(`Not a safe App Gateway sub-resource name: ${name}`);
  }
  return `'${name}'`;
}
