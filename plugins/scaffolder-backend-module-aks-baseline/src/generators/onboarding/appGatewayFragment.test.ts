import { armSchemas } from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import { exampleRequests } from '../../__testUtils__/onboardingFixtures';
import { appGatewayFragment } from './appGatewayFragment';

/*
 * Each sub-resource of the App Gateway fragment validates against the
 * Application Gateway REST spec (shared/azure-specs), strictly.
 */
const SPEC_FILE =
  'network/resource-manager/Microsoft.Network/Network/stable/2026-07-01/applicationGateway.json';

const PROPERTIES_FORMAT: Record<string, string> = {
  sslCertificates: 'ApplicationGatewaySslCertificatePropertiesFormat',
  httpListeners: 'ApplicationGatewayHttpListenerPropertiesFormat',
  probes: 'ApplicationGatewayProbePropertiesFormat',
  backendHttpSettingsCollection:
    'ApplicationGatewayBackendHttpSettingsPropertiesFormat',
  requestRoutingRules: 'ApplicationGatewayRequestRoutingRulePropertiesFormat',
};

describe('appGatewayFragment', () => {
  const specs = armSchemas();

  it.each(exampleRequests().map(r => [r.spec.appName, r.spec] as const))(
    '%s: every sub-resource matches the Application Gateway spec',
    (_name, spec) => {
      const fragment = appGatewayFragment(spec);
      expect(Object.keys(fragment.properties).sort()).toEqual(
        Object.keys(PROPERTIES_FORMAT).sort(),
      );
      for (const [collection, items] of Object.entries(fragment.properties)) {
        for (const item of items) {
          expect(Object.keys(item)).toEqual(['name', 'properties']);
          expect({
            collection,
            result: specs.validate(
              SPEC_FILE,
              PROPERTIES_FORMAT[collection],
              item.properties,
            ),
          }).toEqual({ collection, result: { valid: true, errors: [] } });
        }
      }
    },
  );

  it('wires the edge to Traefik as the baseline requires (TLS-02..04)', () => {
    const [{ spec }] = exampleRequests();
    const { properties: gw } = appGatewayFragment(spec);
    expect(gw.sslCertificates[0].properties.keyVaultSecretId).toBe(
      `https://${spec.keyVault.name}.vault.azure.net/secrets/${spec.keyVault.gatewayCertificateName}`,
    );
    expect(gw.httpListeners[0].properties).toMatchObject({
      protocol: 'Https',
      hostName: spec.host,
      requireServerNameIndication: true,
    });
    expect(gw.backendHttpSettingsCollection[0].properties).toMatchObject({
      protocol: 'Https',
      port: 443,
      hostName: spec.host,
      trustedRootCertificates: [{ id: expect.stringContaining('trustedRoot') }],
    });
    expect(gw.probes[0].properties).toMatchObject({
      protocol: 'Https',
      path: spec.appGateway.healthProbePath,
      pickHostNameFromBackendHttpSettings: true,
    });
  });

  it('fails validation on a misspelt field or a wrong enum value', () => {
    const [{ spec }] = exampleRequests();
    const listener = {
      ...appGatewayFragment(spec).properties.httpListeners[0].properties,
    } as Record<string, unknown>;
    listener.hostname = listener.hostName;
    expect(
      specs.validate(SPEC_FILE, PROPERTIES_FORMAT.httpListeners, listener)
        .errors,
    ).toContain('/: unknown field "hostname"');
    expect(
      specs.validate(SPEC_FILE, PROPERTIES_FORMAT.httpListeners, {
        protocol: 'HTTPS',
      }).valid,
    ).toBe(false);
  });
});
