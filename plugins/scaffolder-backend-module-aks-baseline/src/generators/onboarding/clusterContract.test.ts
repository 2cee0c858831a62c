import { clusterExampleRequests } from '../../__testUtils__/clusterFixtures';
import { exampleRequests } from '../../__testUtils__/onboardingFixtures';
import { generateCluster } from '../cluster';
import { appGatewayFragment } from './appGatewayFragment';

/*
 * The two actions agree: an app onboarded with the fragment's defaults onto
 * a cluster create-cluster generated finds, in that cluster's Application
 * Gateway, every sub-resource its listener, rule and backend settings name.
 */

/** The sub-resource each fragment parameter names, by the collection it lives in. */
const PARAMETER_COLLECTION: Record<string, string> = {
  frontendIPConfigurationName: 'frontendIPConfigurations',
  frontendPortName: 'frontendPorts',
  backendAddressPoolName: 'backendAddressPools',
  trustedRootCertificateName: 'trustedRootCertificates',
};

describe('the contract between create-cluster and onboard-app', () => {
  it.each(clusterExampleRequests().map(r => [r.spec.clusterName, r.spec]))(
    'onboarding onto %s with the defaults names only what its gateway has',
    (clusterName, clusterSpec) => {
      const gateway = generateCluster(clusterSpec).template.resources.find(
        r => r.type === 'Microsoft.Network/applicationGateways',
      )! as any;
      const onboarding = {
        ...exampleRequests()[0].spec,
        clusterRef: `resource:default/${clusterName}`,
      };

      const { parameters } = appGatewayFragment(onboarding);

      expect(parameters.applicationGatewayName.defaultValue).toBe(gateway.name);
      const missing = Object.entries(PARAMETER_COLLECTION).filter(
        ([parameter, collection]) =>
          !(gateway.properties[collection] ?? []).some(
            (item: { name: string }) =>
              item.name === (parameters as any)[parameter].defaultValue,
          ),
      );
      expect(missing).toEqual([]);
    },
  );
});
