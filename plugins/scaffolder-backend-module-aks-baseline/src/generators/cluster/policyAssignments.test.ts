import {
  BASELINE_POLICIES,
  KubernetesObject,
} from '@aks-baseline/plugin-aks-baseline-common';
import { clusterExampleRequests } from '../../__testUtils__/clusterFixtures';
import { generateCluster } from '.';

/*
 * The policy assignments the template writes: the reference's parameters
 * (workload-team/modules/policies.bicep, transcribed here on their own), and
 * the stamp's own workloads admitted by every Deny assignment, judged the
 * way each policy's constraint reads them.
 */
const [request] = clusterExampleRequests();
const { template, manifests, names } = generateCluster(request.spec);
const assignments = template.resources.filter(
  r => r.type === 'Microsoft.Authorization/policyAssignments',
) as any[];
const byGuid = (guid: string) =>
  assignments.find(a => a.properties.policyDefinitionId.endsWith(guid))!
    .properties.parameters;
const parameterValues = (guid: string) =>
  Object.fromEntries(
    Object.entries(byGuid(guid)).map(([k, v]: [string, any]) => [k, v.value]),
  );

const IMAGES = 'febd0533-8e55-448f-b837-bd0e06f16469';
const LIMITS = 'e345eecc-fa47-480f-9e88-67dcc122b164';
const HOST_PATHS = '098fc59e-46c7-4d99-9b16-64990e543d75';
const EXTERNAL_IPS = 'd46c275d-1680-448d-b2ec-e495a3b6cc89';
const READ_ONLY_ROOT = 'df49d893-a74c-421d-bc95-c663042e5b80';
const DEFAULT_NAMESPACE = '9f061a12-e40d-4183-a00e-171812443373';
const INTERNAL_LB = '3fc4dc25-5baf-40d8-9b05-7fe74c1bc64e';

describe("the stamp's policy assignments", () => {
  it('assigns each baseline definition once, with its effect, enforced, on the resource group', () => {
    expect(
      assignments.map(a => [
        a.properties.policyDefinitionId,
        a.properties.parameters.effect.value,
      ]),
    ).toEqual(BASELINE_POLICIES.map(p => [p.definitionId, p.effect]));
    for (const a of assignments) {
      expect(a.scope).toBeUndefined();
      expect(a.properties.enforcementMode).toBe('Default');
      expect(a.properties.displayName).toMatch(/^\[aks-prod-weu\] /);
      expect(a.properties.displayName.length).toBeLessThanOrEqual(120);
    }
    expect(new Set(assignments.map(a => a.name)).size).toBe(18);
  });

  it("gives the reference's parameters", () => {
    expect(parameterValues(LIMITS)).toMatchObject({
      cpuLimit: '2',
      memoryLimit: '1Gi',
    });
    expect(parameterValues(HOST_PATHS).allowedHostPaths).toEqual({
      paths: [],
    });
    expect(parameterValues(EXTERNAL_IPS).allowedExternalIPs).toEqual([]);
    expect(parameterValues(DEFAULT_NAMESPACE).namespaces).toEqual(['default']);
    expect(parameterValues(INTERNAL_LB).excludedNamespaces).toEqual([]);
    expect(parameterValues(READ_ONLY_ROOT).excludedNamespaces).toEqual([
      'kube-system',
      'gatekeeper-system',
      'azure-arc',
      'flux-system',
    ]);
  });

  it("admits only the stamp's registry and MCR, from the start of the reference", () => {
    const allowed = new RegExp(
      parameterValues(IMAGES).allowedContainerImagesRegex,
    );
    const registry = names.registry.loginServer;
    expect(allowed.test(`${registry}/traefik:v3.7.9`)).toBe(true);
    expect(allowed.test('mcr.microsoft.com/oss/kubernetes/pause:3.6')).toBe(
      true,
    );
    expect(allowed.test('docker.io/library/traefik:v3.7.9')).toBe(false);
    expect(allowed.test(`evil.example/${registry}/traefik:v3.7.9`)).toBe(false);
    // The dots are literal: a look-alike host is refused.
    expect(allowed.test(`${registry.replace(/\./g, 'x')}/traefik`)).toBe(false);
    expect(allowed.test(`${registry}`)).toBe(false);
  });

  it('puts every assignment in place before the cluster, as the reference does', () => {
    const cluster = template.resources.find(
      r => r.type === 'Microsoft.ContainerService/managedClusters',
    )!;
    const policyDependencies = cluster.dependsOn!.filter(d =>
      d.includes('Microsoft.Authorization/policyAssignments'),
    );
    expect(policyDependencies).toHaveLength(18);
    for (const a of assignments)
      expect(policyDependencies).toContain(
        `[resourceId('Microsoft.Authorization/policyAssignments', ${a.name.slice(
          1,
          -1,
        )})]`,
      );
  });

  describe("the stamp's own workloads pass every Deny assignment", () => {
    const excluded = (guid: string) =>
      parameterValues(guid).excludedNamespaces as string[];
    const podSpecs = manifests.flatMap(m => {
      const spec = (m as any).spec?.template?.spec;
      return spec ? [{ object: m as KubernetesObject, spec }] : [];
    });
    const containersOutside = (guid: string) =>
      podSpecs
        .filter(p => !excluded(guid).includes(p.object.metadata!.namespace!))
        .flatMap(p => [...(p.spec.initContainers ?? []), ...p.spec.containers]);

    it('has workloads to judge', () => {
      expect(containersOutside(LIMITS).length).toBeGreaterThan(0);
    });

    it('images: every one matches the allowed pattern', () => {
      const allowed = new RegExp(
        parameterValues(IMAGES).allowedContainerImagesRegex,
      );
      for (const c of containersOutside(IMAGES))
        expect({ image: c.image, allowed: allowed.test(c.image) }).toEqual({
          image: c.image,
          allowed: true,
        });
    });

    it('resource limits: set, and under the ceiling', () => {
      const { cpuLimit, memoryLimit } = parameterValues(LIMITS);
      for (const c of containersOutside(LIMITS)) {
        expect(cpu(c.resources.limits.cpu)).toBeLessThanOrEqual(cpu(cpuLimit));
        expect(bytes(c.resources.limits.memory)).toBeLessThanOrEqual(
          bytes(memoryLimit),
        );
      }
    });

    it('read-only root file system on every container', () => {
      for (const c of containersOutside(READ_ONLY_ROOT))
        expect(c.securityContext?.readOnlyRootFilesystem).toBe(true);
    });

    it('no hostPath volume', () => {
      for (const p of podSpecs.filter(
        q => !excluded(HOST_PATHS).includes(q.object.metadata!.namespace!),
      ))
        expect((p.spec.volumes ?? []).filter((v: any) => v.hostPath)).toEqual(
          [],
        );
    });

    it('Services: no external IPs, load balancers internal', () => {
      const services = manifests.filter(m => m.kind === 'Service') as any[];
      expect(services.length).toBeGreaterThan(0);
      for (const s of services) expect(s.spec.externalIPs ?? []).toEqual([]);
      const loadBalancers = services.filter(
        s => s.spec.type === 'LoadBalancer',
      );
      expect(loadBalancers.length).toBeGreaterThan(0);
      for (const s of loadBalancers)
        expect(
          s.metadata.annotations[
            'service.beta.kubernetes.io/azure-load-balancer-internal'
          ],
        ).toBe('true');
    });
  });
});

/** Kubernetes CPU quantity in cores ('1', '100m'). */
function cpu(quantity: string): number {
  return quantity.endsWith('m')
    ? Number(quantity.slice(0, -1)) / 1000
    : Number(quantity);
}

/** Kubernetes memory quantity in bytes (binary suffixes only: the stamp uses those). */
function bytes(quantity: string): number {
  const units: Record<string, number> = {
    Ki: 2 ** 10,
    Mi: 2 ** 20,
    Gi: 2 ** 30,
  };
  const match = /^(\d+)(Ki|Mi|Gi)?$/.exec(quantity);
  if (!match) throw new Error(`unexpected quantity ${quantity}`);
  return Number(match[1]) * (match[2] ? units[match[2]] : 1);
}
