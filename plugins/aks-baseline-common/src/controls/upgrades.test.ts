import { evaluateBaselineControls } from './evaluate';
import { baselineResources } from '../__testUtils__/controlFixtures';
import { BASELINE_CONTROLS } from './catalogue';
import type { BaselineResources, ControlDefinition } from './types';

const result = (input: BaselineResources, id: string) =>
  evaluateBaselineControls(input).find(r => r.id === id)!;
const cluster = (i: BaselineResources): any => i.cluster!.properties;

describe('DEF-01, DEF-02: the security profile', () => {
  it("passes the reference's profile and shows what it read", () => {
    const input = baselineResources();
    expect(result(input, 'DEF-01')).toMatchObject({
      status: 'pass',
      area: 'security-profile',
      found: expect.stringMatching(
        /^securityMonitoring.enabled=true, logAnalyticsWorkspaceResourceId=\/subscriptions\/.*\/workspaces\/la-aks$/,
      ),
      resourceId: input.cluster!.id,
    });
    expect(result(input, 'DEF-02')).toMatchObject({
      status: 'pass',
      found: 'enabled=true, intervalHours=120',
    });
  });

  it('says what an absent profile leaves undone, with the fix', () => {
    const input = baselineResources();
    cluster(input).securityProfile = { workloadIdentity: { enabled: true } };
    expect(result(input, 'DEF-01')).toMatchObject({
      status: 'fail',
      found:
        'securityMonitoring.enabled=(absent), logAnalyticsWorkspaceResourceId=(absent)',
      reason: expect.stringMatching(/no runtime threat detection/),
    });
    expect(result(input, 'DEF-02').reason).toMatch(
      /unused images, vulnerable ones included/,
    );
  });
});

describe('UPG-01: upgrade channels and their windows', () => {
  it('names each window it found', () => {
    expect(result(baselineResources(), 'UPG-01')).toMatchObject({
      status: 'pass',
      found:
        'upgradeChannel=patch, nodeOSUpgradeChannel=NodeImage, aksManagedAutoUpgradeSchedule {"weekly":{"dayOfWeek":"Tuesday","intervalWeeks":1}} at 21:00 for 12h, aksManagedNodeOSUpgradeSchedule {"weekly":{"dayOfWeek":"Tuesday","intervalWeeks":1}} at 21:00 for 12h',
    });
  });

  it('is not observed when the maintenance configurations were not read, never a pass', () => {
    const input = baselineResources();
    delete input.maintenanceConfigurations;
    expect(result(input, 'UPG-01')).toMatchObject({
      status: 'not-observed',
      reason: expect.stringMatching(/maintenance configurations were not read/),
    });
  });

  it('still fails a channel that patches nothing when the windows were not read', () => {
    const input = baselineResources();
    delete input.maintenanceConfigurations;
    cluster(input).autoUpgradeProfile.nodeOSUpgradeChannel = 'Unmanaged';
    expect(result(input, 'UPG-01').status).toBe('fail');
  });

  it('reads a template child resource named <cluster>/<configuration>', () => {
    const input = baselineResources();
    for (const c of input.maintenanceConfigurations!)
      c.name = `aks-1/${c.name}`;
    expect(result(input, 'UPG-01').status).toBe('pass');
  });

  it('does not take the legacy default configuration for a channel window', () => {
    const input = baselineResources();
    input.maintenanceConfigurations = input.maintenanceConfigurations!.map(
      c => ({ ...c, name: 'default' }),
    );
    expect(result(input, 'UPG-01')).toMatchObject({
      status: 'fail',
      reason: expect.stringMatching(
        /no aksManagedNodeOSUpgradeSchedule maintenance configuration/,
      ),
    });
  });
});

describe('UPG-02, UPG-03: pools', () => {
  it('fails a cluster without a System pool', () => {
    const input = baselineResources();
    cluster(input).agentPoolProfiles[0].mode = 'User';
    expect(result(input, 'UPG-02')).toMatchObject({
      status: 'fail',
      found: 'no pool in mode System',
    });
  });

  it('names every pool outside the zones', () => {
    const input = baselineResources();
    const [system] = cluster(input).agentPoolProfiles;
    cluster(input).agentPoolProfiles.push({
      ...system,
      name: 'npuser01',
      mode: 'User',
      availabilityZones: undefined,
    });
    expect(result(input, 'UPG-03')).toMatchObject({
      status: 'fail',
      found: 'nodepool1: 1, 2, 3; npuser01: []',
      reason: expect.stringMatching(/^npuser01 is in no zone/),
    });
  });
});

describe('NET-01 and SEC-05 understand the options', () => {
  it('passes Azure CNI Overlay (the reference deploys it), with the note', () => {
    const input = baselineResources();
    Object.assign(cluster(input).networkProfile, {
      networkPluginMode: 'overlay',
      podCidr: '192.168.0.0/16',
    });
    expect(result(input, 'NET-01')).toMatchObject({
      status: 'pass',
      found: 'azure (networkPluginMode overlay)',
      reason: expect.stringMatching(/pods take addresses from the pod CIDR/),
    });
  });

  it('passes a private API server with VNet integration into its subnet, and fails it without one', () => {
    const input = baselineResources();
    const subnet = `${cluster(input).agentPoolProfiles[0].vnetSubnetID.replace(
      /subnets\/.*$/,
      '',
    )}subnets/snet-apiserver`;
    Object.assign(cluster(input).apiServerAccessProfile, {
      enableVnetIntegration: true,
      subnetId: subnet,
    });
    expect(result(input, 'SEC-05')).toMatchObject({
      status: 'pass',
      found: `enablePrivateCluster=true, authorizedIPRanges=[], disableRunCommand=true, enableVnetIntegration=true, subnetId=${subnet}`,
      reason: expect.stringMatching(/API Server VNet Integration/),
    });
    delete cluster(input).apiServerAccessProfile.subnetId;
    expect(result(input, 'SEC-05')).toMatchObject({
      status: 'fail',
      reason: expect.stringMatching(/without apiServerAccessProfile.subnetId/),
    });
  });
});

describe('remediation', () => {
  it('gives each new control the change, the az command and a Microsoft Learn page', () => {
    const added: ControlDefinition[] = BASELINE_CONTROLS.filter(c =>
      /^(DEF|UPG)-/.test(c.id),
    );
    expect(added.map(c => c.id)).toEqual([
      'DEF-01',
      'DEF-02',
      'UPG-01',
      'UPG-02',
      'UPG-03',
    ]);
    for (const { remediation } of added) {
      expect(remediation!.command).toMatch(/^az aks /);
      expect(remediation!.doc).toMatch(
        /^https:\/\/learn\.microsoft\.com\/azure\//,
      );
      expect(remediation!.change.length).toBeGreaterThan(10);
    }
    // Governance and telemetry too, with their own az groups.
    const others: ControlDefinition[] = BASELINE_CONTROLS.filter(c =>
      /^(GOV|LOG)-/.test(c.id),
    );
    expect(others.map(c => c.id)).toEqual([
      'GOV-01',
      'LOG-01',
      'LOG-02',
      'LOG-03',
    ]);
    for (const { remediation } of others) {
      expect(remediation!.command).toMatch(/^az (policy|monitor|aks) /);
      expect(remediation!.doc).toMatch(
        /^https:\/\/learn\.microsoft\.com\/azure\//,
      );
      expect(remediation!.change.length).toBeGreaterThan(10);
    }
    const failing = baselineResources();
    delete cluster(failing).securityProfile.imageCleaner;
    expect(result(failing, 'DEF-02').remediation).toEqual(
      added.find(c => c.id === 'DEF-02')!.remediation,
    );
  });
});
