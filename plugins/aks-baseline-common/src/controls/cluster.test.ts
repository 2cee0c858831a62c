import { evaluateBaselineControls } from './evaluate';
import { readExample, toBaseline } from '../__testUtils__/controlFixtures';
import type { ControlResult } from './types';

const CLUSTER_IDS = [
  'NET-01',
  'NET-02',
  'NET-03',
  'NET-04',
  'SEC-01',
  'SEC-02',
  'SEC-03',
  'SEC-04',
  'SEC-05',
  'SEC-06',
  'OPS-01',
  'OPS-02',
];

function statusesOf(results: ControlResult[], ids: string[]) {
  return Object.fromEntries(
    results.filter(r => ids.includes(r.id)).map(r => [r.id, r.status]),
  );
}

const byId = (results: ControlResult[], id: string) =>
  results.find(r => r.id === id)!;

describe('cluster controls on the generic AKS example (managedClusters_Get.json)', () => {
  const results = evaluateBaselineControls({
    cluster: readExample('managedClusters_Get.json'),
  });

  it('judges every cluster control from the fixture values', () => {
    expect(statusesOf(results, CLUSTER_IDS)).toEqual({
      'NET-01': 'fail', // networkProfile.networkPlugin = "kubenet"
      'NET-02': 'fail', // networkProfile.networkPolicy is absent: no policy engine
      'NET-03': 'fail', // networkProfile.outboundType = "loadBalancer" (two customer outbound public IPs)
      // loadBalancerSku "standard", dnsServiceIP 10.0.0.10 inside serviceCidr 10.0.0.0/16, podCidr
      // 10.244.0.0/16 apart from it: all fine, but no VNet is in the input, so overlap with it is unknown.
      'NET-04': 'not-observed',
      'SEC-01': 'fail', // no addonProfiles at all: the Key Vault CSI add-on is off
      'SEC-02': 'not-applicable', // rotation is a setting of that (absent) add-on
      'SEC-03': 'fail', // no securityProfile.workloadIdentity, no oidcIssuerProfile
      'SEC-04': 'fail', // no aadProfile, disableLocalAccounts absent, enableRBAC false
      'SEC-05': 'fail', // no apiServerAccessProfile: public API server, run command allowed
      'SEC-06': 'fail', // no azurepolicy add-on
      'OPS-01': 'fail', // no omsagent add-on
      'OPS-02': 'pass', // no legacy add-on enabled (none at all)
    });
  });

  it('fails NET-01 because the example is kubenet, naming what it found', () => {
    expect(byId(results, 'NET-01')).toMatchObject({
      status: 'fail',
      found: 'kubenet',
      severity: 'high',
      resourceId:
        '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg1/providers/Microsoft.ContainerService/managedClusters/clustername1',
    });
    expect(byId(results, 'NET-01').reason).toMatch(/kubenet/);
  });

  it('says why NET-04 is not observed and what it did see', () => {
    const net04 = byId(results, 'NET-04');
    expect(net04.reason).toMatch(/VNet address space not known/);
    expect(net04.found).toContain('serviceCidr=10.0.0.0/16');
    expect(net04.found).toContain('dnsServiceIP=10.0.0.10');
  });

  it('reports enableRBAC false among the SEC-04 findings', () => {
    expect(byId(results, 'SEC-04').found).toContain('enableRBAC=false');
    expect(byId(results, 'SEC-04').reason).toMatch(/local accounts/);
  });
});

describe('cluster controls on the Key Vault CSI add-on example', () => {
  // managedClusters_CreateOrUpdate_AzureKeyvaultSecretsProvider.json: the add-on is enabled with
  // enableSecretRotation "true" and rotationPollInterval "2m", on a basic load balancer.
  const results = evaluateBaselineControls({
    cluster: readExample(
      'managedClusters_CreateOrUpdate_AzureKeyvaultSecretsProvider.json',
    ),
    context: { vnetAddressSpace: ['10.240.0.0/16'] },
  });

  it('passes SEC-01 and SEC-02 and fails NET-04 on the basic SKU', () => {
    expect(
      statusesOf(results, ['SEC-01', 'SEC-02', 'NET-04', 'NET-01']),
    ).toEqual({
      'SEC-01': 'pass',
      'SEC-02': 'pass',
      'NET-04': 'fail',
      'NET-01': 'fail',
    });
    expect(byId(results, 'NET-04').reason).toMatch(/basic/);
  });
});

describe('cluster controls on the baseline variant of the example', () => {
  const base = toBaseline(readExample('managedClusters_Get.json'));

  it('passes every cluster control that needs only the cluster and its VNet', () => {
    const results = evaluateBaselineControls({
      cluster: base,
      context: { vnetAddressSpace: ['10.240.0.0/16'] },
    });
    const { 'NET-03': net03, ...others } = statusesOf(results, CLUSTER_IDS);
    expect(Object.values(others).every(s => s === 'pass')).toBe(true);
    // userDefinedRouting is right, but without the node subnet's route table the route is unseen.
    expect(net03).toBe('not-observed');
  });

  it('reads SDK models, whose settings are flattened and renamed in case', () => {
    const { properties, ...envelope } = base;
    const flattened = { ...envelope, ...(properties as object) } as any;
    flattened.aadProfile = { managed: true, enableAzureRbac: true };
    const rest = evaluateBaselineControls({
      cluster: base,
      context: { vnetAddressSpace: ['10.240.0.0/16'] },
    });
    const sdk = evaluateBaselineControls({
      cluster: flattened,
      context: { vnetAddressSpace: ['10.240.0.0/16'] },
    });
    expect(statusesOf(sdk, CLUSTER_IDS)).toEqual(statusesOf(rest, CLUSTER_IDS));
  });

  it('notes accepted variants as warnings, never as silent passes', () => {
    const variant = toBaseline(readExample('managedClusters_Get.json')) as any;
    variant.properties.networkProfile.networkPolicy = 'cilium';
    variant.properties.addonProfiles.azureKeyvaultSecretsProvider.config.enableSecretRotation =
      'false';
    const results = evaluateBaselineControls({
      cluster: variant,
      context: { vnetAddressSpace: ['10.240.0.0/16'] },
    });
    expect(statusesOf(results, ['NET-02', 'SEC-02'])).toEqual({
      'NET-02': 'warning',
      'SEC-02': 'warning',
    });
    expect(byId(results, 'SEC-02').reason).toMatch(/rotated-out certificate/);
  });

  it('checks dnsServiceIP against the service CIDR and the CIDRs against each other', () => {
    const variant = toBaseline(readExample('managedClusters_Get.json')) as any;
    variant.properties.networkProfile.dnsServiceIP = '10.1.0.10';
    variant.properties.networkProfile.podCidr = '10.0.128.0/17';
    variant.properties.networkProfile.podCidrs = ['10.0.128.0/17'];
    const net04 = byId(
      evaluateBaselineControls({
        cluster: variant,
        context: { vnetAddressSpace: ['10.240.0.0/16'] },
      }),
      'NET-04',
    );
    expect(net04.status).toBe('fail');
    expect(net04.reason).toMatch(/dnsServiceIP 10\.1\.0\.10 is not inside/);
    expect(net04.reason).toMatch(/overlaps pod CIDR/);
  });

  it('accepts authorized IP ranges instead of a private API server', () => {
    const variant = toBaseline(readExample('managedClusters_Get.json')) as any;
    variant.properties.apiServerAccessProfile = {
      authorizedIPRanges: ['203.0.113.0/24'],
      disableRunCommand: true,
    };
    expect(
      byId(evaluateBaselineControls({ cluster: variant }), 'SEC-05').status,
    ).toBe('pass');
  });
});
