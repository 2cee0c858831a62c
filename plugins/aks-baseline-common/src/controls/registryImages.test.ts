import { evaluateBaselineControls } from './evaluate';
import {
  baselineResources,
  REGISTRY_LOGIN_SERVER,
} from '../__testUtils__/controlFixtures';
import { registryLoginServer } from './registryImages';
import type { BaselineResources, KubernetesObject } from './types';

const acr02 = (input: BaselineResources) =>
  evaluateBaselineControls(input).find(r => r.id === 'ACR-02')!;

function withObjects(...objects: KubernetesObject[]): BaselineResources {
  const input = baselineResources();
  input.kubernetes!.objects!.push(...objects);
  return input;
}

const pod = (
  namespace: string,
  name: string,
  spec: Record<string, unknown>,
): KubernetesObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace },
  spec,
});

describe('ACR-02 images only from the stamp registry', () => {
  it("passes when every image is the stamp's, pinned", () => {
    const result = acr02(baselineResources());
    expect(result.status).toBe('pass');
    expect(result.reason).toBe(
      `every image from ${REGISTRY_LOGIN_SERVER}, pinned by tag or digest`,
    );
    expect(result.found).toMatch(/^2 image\(s\) in 2 workload\(s\)/);
  });

  it.each<[string, KubernetesObject, string]>([
    [
      'a Docker Hub image in an init container',
      pod('app1', 'web-1', {
        initContainers: [{ name: 'init', image: 'busybox:1.36' }],
        containers: [
          { name: 'app', image: `${REGISTRY_LOGIN_SERVER}/web:1.0` },
        ],
      }),
      'busybox:1.36 (from docker.io) in app1/Pod web-1',
    ],
    [
      "the stamp's image without a tag",
      {
        apiVersion: 'apps/v1',
        kind: 'DaemonSet',
        metadata: { name: 'agent', namespace: 'ops' },
        spec: {
          template: {
            spec: {
              containers: [
                { name: 'a', image: `${REGISTRY_LOGIN_SERVER}/agent` },
              ],
            },
          },
        },
      },
      `${REGISTRY_LOGIN_SERVER}/agent (no tag (pulls :latest)) in ops/DaemonSet agent`,
    ],
    [
      'another registry by :latest in a CronJob',
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'report', namespace: 'ops' },
        spec: {
          jobTemplate: {
            spec: {
              template: {
                spec: {
                  containers: [
                    { name: 'r', image: 'ghcr.io/acme/report:latest' },
                  ],
                },
              },
            },
          },
        },
      },
      'ghcr.io/acme/report:latest (from ghcr.io, :latest) in ops/CronJob report',
    ],
    [
      'a non-Microsoft image in kube-system',
      pod('kube-system', 'debug', {
        containers: [{ name: 'sh', image: 'docker.io/library/alpine:3.20' }],
      }),
      'docker.io/library/alpine:3.20 (from docker.io) in kube-system/Pod debug',
    ],
    [
      'an ephemeral debug container',
      pod('app1', 'app1-abc', {
        containers: [
          { name: 'app', image: `${REGISTRY_LOGIN_SERVER}/app1:1.0` },
        ],
        ephemeralContainers: [{ name: 'dbg', image: 'nicolaka/netshoot' }],
      }),
      'nicolaka/netshoot (from docker.io, no tag (pulls :latest)) in app1/Pod app1-abc',
    ],
  ])(
    'fails on %s, naming it against the expected registry',
    (_what, object, offence) => {
      const result = acr02(withObjects(object));
      expect(result.status).toBe('fail');
      expect(result.reason).toContain(offence);
      expect(result.reason).toContain(
        `expected every image from ${REGISTRY_LOGIN_SERVER}, pinned by tag or digest`,
      );
      expect(result.found).toContain(offence.split(' (')[0]);
    },
  );

  it("exempts AKS's own namespaces while their images come from MCR", () => {
    const input = withObjects(
      pod('kube-system', 'coredns-1', {
        containers: [
          {
            name: 'coredns',
            image: 'mcr.microsoft.com/oss/kubernetes/coredns:v1.11.3-1',
          },
        ],
      }),
      pod('flux-system', 'source-controller-1', {
        containers: [
          {
            name: 'manager',
            image: 'mcr.microsoft.com/oss/fluxcd/source-controller:v1.4.1',
          },
        ],
      }),
      pod('gatekeeper-system', 'gatekeeper-audit', {
        containers: [
          {
            name: 'm',
            image: 'mcr.microsoft.com/oss/open-policy-agent/gatekeeper:v3.17.1',
          },
        ],
      }),
    );
    expect(acr02(input).status).toBe('pass');
    // The same MCR image in an app namespace is not the stamp's.
    input.kubernetes!.objects!.push(
      pod('app1', 'tools', {
        containers: [
          { name: 't', image: 'mcr.microsoft.com/azure-cli:2.67.0' },
        ],
      }),
    );
    expect(acr02(input).reason).toContain(
      'mcr.microsoft.com/azure-cli:2.67.0 (from mcr.microsoft.com) in app1/Pod tools',
    );
  });

  it('lists an image once with every workload that runs it', () => {
    const input = withObjects(
      pod('a', 'p1', { containers: [{ name: 'c', image: 'nginx:1.27' }] }),
      pod('b', 'p2', { containers: [{ name: 'c', image: 'nginx:1.27' }] }),
    );
    const result = acr02(input);
    expect(result.reason).toContain(
      'nginx:1.27 (from docker.io) in a/Pod p1, b/Pod p2',
    );
    expect(result.reason.match(/nginx/g)).toHaveLength(1);
  });

  it('fails every image when no registry is associated', () => {
    const input = baselineResources();
    input.containerRegistries = [];
    const result = acr02(input);
    expect(result.status).toBe('fail');
    expect(result.reason).toContain(
      `${REGISTRY_LOGIN_SERVER}/traefik:v3.7.9 (from ${REGISTRY_LOGIN_SERVER})`,
    );
    expect(result.reason).toMatch(
      /no registry is associated with the cluster \(ACR-01\)/,
    );
  });

  it('reads the login server of a template registry from its name and cloud', () => {
    expect(registryLoginServer({ name: 'AcrX' })).toBe('acrx.azurecr.io');
    expect(registryLoginServer({ name: 'acrx' }, 'AzureUSGovernment')).toBe(
      'acrx.azurecr.us',
    );
    expect(registryLoginServer({ name: 'acrx' }, 'AzureChinaCloud')).toBe(
      'acrx.azurecr.cn',
    );
    expect(
      registryLoginServer({ name: "[parameters('acr')]" }),
    ).toBeUndefined();
    const input = baselineResources();
    delete input.containerRegistries![0].properties!.loginServer;
    expect(acr02(input).status).toBe('pass');
  });

  it.each<[string, (i: BaselineResources) => void, string, RegExp]>([
    [
      'Kubernetes objects',
      i => {
        i.kubernetes = {
          unavailableReason: 'API server not reachable from the portal',
        };
      },
      'not-observed',
      /^API server not reachable from the portal$/,
    ],
    [
      'registries (pinning still judged)',
      i => {
        delete i.containerRegistries;
      },
      'not-observed',
      /stamp's registry was not read/,
    ],
    [
      'images (a reader that drops them)',
      i => {
        for (const o of i.kubernetes!.objects!)
          for (const c of (o.spec as any)?.template?.spec?.containers ?? [])
            delete c.image;
      },
      'not-observed',
      /2 container\(s\) were read without their image/,
    ],
    [
      'workloads',
      i => {
        i.kubernetes!.objects = i.kubernetes!.objects!.filter(
          o => o.kind !== 'Deployment',
        );
      },
      'not-applicable',
      /no workload/,
    ],
  ])('without the %s', (_what, remove, status, reason) => {
    const input = baselineResources();
    remove(input);
    const result = acr02(input);
    expect(result.status).toBe(status);
    expect(result.reason).toMatch(reason);
  });

  it('an unpinned image still fails when the registry is unknown', () => {
    const input = withObjects(
      pod('a', 'p', { containers: [{ name: 'c', image: 'nginx' }] }),
    );
    delete input.containerRegistries;
    expect(acr02(input).status).toBe('fail');
  });
});
