import { egressRequirements } from './requirements';
import type { EgressStamp } from './types';

const baseline: EgressStamp = {
  cloud: 'AzurePublicCloud',
  location: 'westeurope',
  nodeSubnets: ['10.240.0.0/22'],
  privateCluster: true,
  azureMonitor: true,
  azurePolicy: true,
  defender: false,
  workloadIdentity: true,
  flux: { gitHosts: ['github.com'] },
  containerRegistries: ['docker.io'],
};

const destinations = (stamp: EgressStamp) =>
  egressRequirements(stamp).map(r => r.destination.value);

describe('egress requirements', () => {
  it("lists Microsoft's required AKS FQDNs for the public cloud, over HTTPS 443 from the node subnet", () => {
    const core = egressRequirements({
      ...baseline,
      azureMonitor: false,
      azurePolicy: false,
      workloadIdentity: false,
      flux: undefined,
      containerRegistries: [],
    });
    // Microsoft Learn, "Azure Global required FQDN / application rules" (a
    // private cluster drops *.hcp.<location>.azmk8s.io).
    expect(core.map(r => r.destination.value).sort()).toEqual(
      [
        'mcr.microsoft.com',
        '*.data.mcr.microsoft.com',
        'mcr-0001.mcr-msedge.net',
        'management.azure.com',
        'login.microsoftonline.com',
        'packages.microsoft.com',
        'acs-mirror.azureedge.net',
      ].sort(),
    );
    for (const r of core) {
      expect(r).toMatchObject({
        protocol: 'Https',
        port: 443,
        sources: ['10.240.0.0/22'],
      });
      expect(r.reasons[0].document).toMatch(
        /^https:\/\/learn\.microsoft\.com\//,
      );
    }
  });

  it('adds the API server FQDN for a public API server, and UDP 1194 / TCP 9000 only without konnectivity', () => {
    const publicServer = egressRequirements({
      ...baseline,
      privateCluster: false,
    });
    expect(publicServer.map(r => r.id)).toContain(
      'https:*.hcp.westeurope.azmk8s.io:443',
    );
    expect(publicServer.some(r => r.port === 1194)).toBe(false);
    const legacy = egressRequirements({
      ...baseline,
      privateCluster: false,
      konnectivity: false,
    });
    expect(
      legacy.filter(r => r.destination.kind === 'serviceTag').map(r => r.id),
    ).toEqual([
      'udp:azurecloud.westeurope:1194',
      'tcp:azurecloud.westeurope:9000',
    ]);
  });

  it('one requirement per destination, protocol and port, naming every component that needs it', () => {
    const all = egressRequirements({ ...baseline, defender: true });
    const ids = all.map(r => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const login = all.find(
      r => r.id === 'https:login.microsoftonline.com:443',
    )!;
    expect(login.reasons.map(r => r.component)).toEqual([
      'aks',
      'azure-monitor',
      'defender',
      'workload-identity',
    ]);
  });

  it('adds each feature the stamp enables, with its regional endpoints', () => {
    const names = destinations(baseline);
    expect(names).toEqual(
      expect.arrayContaining([
        'westeurope.handler.control.monitor.azure.com',
        'westeurope.ingest.monitor.azure.com',
        'data.policy.core.windows.net',
        'store.policy.core.windows.net',
        'westeurope.dp.kubernetesconfiguration.azure.com',
        'github.com',
        'registry-1.docker.io',
        'auth.docker.io',
        'production.cloudflare.docker.com',
      ]),
    );
    expect(destinations({ ...baseline, flux: undefined })).not.toContain(
      'github.com',
    );
    expect(destinations({ ...baseline, azureMonitor: false })).not.toContain(
      '*.ods.opinsights.azure.com',
    );
  });

  it("uses each cloud's own endpoints", () => {
    const gov = destinations({
      ...baseline,
      cloud: 'AzureUSGovernment',
      location: 'usgovvirginia',
    });
    expect(gov).toEqual(
      expect.arrayContaining([
        'management.usgovcloudapi.net',
        'login.microsoftonline.us',
        'data.policy.azure.us',
        'usgovvirginia.dp.kubernetesconfiguration.azure.us',
      ]),
    );
    expect(gov).not.toContain('management.azure.com');
    const china = destinations({
      ...baseline,
      cloud: 'AzureChinaCloud',
      location: 'chinaeast2',
      flux: undefined,
    });
    expect(china).toEqual(
      expect.arrayContaining([
        'management.chinacloudapi.cn',
        'login.chinacloudapi.cn',
        '*.azk8s.cn',
      ]),
    );
    expect(() =>
      egressRequirements({ ...baseline, cloud: 'AzureChinaCloud' }),
    ).toThrow(/no published cluster-extension endpoints/);
  });

  it('asks for custom DNS servers outside the VNet only when there are some', () => {
    expect(egressRequirements(baseline).some(r => r.port === 53)).toBe(false);
    const dns = egressRequirements({
      ...baseline,
      customDnsServers: ['10.1.0.4'],
    });
    expect(dns.find(r => r.port === 53)).toMatchObject({
      id: 'udp:10.1.0.4:53',
      protocol: 'UDP',
    });
  });
});
