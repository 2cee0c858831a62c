import type { HttpClient, PipelineRequest } from '@azure/core-rest-pipeline';
import {
  ArmFixtureTransport,
  findArmGetOperation,
  StaticTokenCredential,
} from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
import { AZURE_CLOUDS } from '../azure/cloud';
import {
  benchSubscriptionId,
  buildBenchEstate,
} from '../__testUtils__/baselineStampEstate';
import { collectInventory } from './collectInventory';

/** Every request the inventory sends, in order. */
class RecordingTransport implements HttpClient {
  readonly requests: Array<{ method: string; url: string }> = [];

  constructor(private readonly inner: HttpClient) {}

  sendRequest(request: PipelineRequest) {
    this.requests.push({ method: request.method, url: request.url });
    return this.inner.sendRequest(request);
  }
}

const SUBSCRIPTIONS = [benchSubscriptionId(0), benchSubscriptionId(1)];
const POLICY_ID = `/subscriptions/${SUBSCRIPTIONS[0]}/resourceGroups/rg-hub/providers/Microsoft.Network/firewallPolicies/fw-policy`;

async function requestsOf(mode: 'arm' | 'resourceGraph') {
  const estate = [
    ...buildBenchEstate(4, SUBSCRIPTIONS.length, new Date()),
    // The bench's hubs have no firewall policy: one, with a rule collection group.
    {
      id: POLICY_ID,
      name: 'fw-policy',
      type: 'Microsoft.Network/firewallPolicies',
      properties: {},
    },
    {
      id: `${POLICY_ID}/ruleCollectionGroups/egress`,
      name: 'egress',
      type: 'Microsoft.Network/firewallPolicies/ruleCollectionGroups',
      properties: { priority: 500, ruleCollections: [] },
    },
  ];
  const transport = new RecordingTransport(
    new ArmFixtureTransport({ resources: estate }),
  );
  const inventory = await collectInventory({
    mode,
    subscriptionIds: SUBSCRIPTIONS,
    credential: new StaticTokenCredential(),
    cloud: AZURE_CLOUDS.AzurePublicCloud,
    httpClient: transport,
    maxRetries: 0,
  });
  expect(inventory.errors).toEqual([]);
  return transport.requests;
}

describe('the inventory reads ARM through operations its specifications define', () => {
  // Every list is a REST GET on an api-version of ../shared/azure-specs: the
  // version whose bodies the resolver's fixtures are validated against.
  it.each(['arm', 'resourceGraph'] as const)(
    'in %s mode, each GET is a pageable list of the version it names',
    async mode => {
      const gets = (await requestsOf(mode)).filter(r => r.method === 'GET');
      expect(gets.length).toBeGreaterThan(20);
      const unmatched = gets
        .map(r => r.url)
        .filter(url => !findArmGetOperation(url)?.pageable);
      expect(unmatched).toEqual([]);
    },
  );

  it('covers every kind the inventory lists, children included', async () => {
    const operations = new Set(
      (await requestsOf('arm'))
        .map(r => findArmGetOperation(r.url)?.operationId)
        .filter(Boolean),
    );
    expect([...operations].sort()).toEqual(
      [
        'ApplicationGateways_ListAll',
        'AzureFirewalls_ListAll',
        'DataCollectionRuleAssociations_ListByResource',
        'DataCollectionRules_ListBySubscription',
        'DiagnosticSettings_List',
        'FirewallPolicies_ListAll',
        'FirewallPolicyRuleCollectionGroups_List',
        'IpGroups_List',
        'MaintenanceConfigurations_ListByManagedCluster',
        'ManagedClusters_List',
        'NetworkSecurityGroups_ListAll',
        'PolicyAssignments_List',
        'PrivateEndpoints_ListBySubscription',
        'PublicIPAddresses_ListAll',
        'Registries_List',
        'RouteTables_ListAll',
        'Secrets_List',
        'Vaults_ListBySubscription',
        'VirtualNetworks_ListAll',
        'WebApplicationFirewallPolicies_ListAll',
      ].sort(),
    );
  });
});
