import {
  NetpolNamespace,
  NetpolPeer,
  NetpolPod,
  NetworkPolicyObject,
  analyzeNetworkPolicies,
} from '@aks-baseline/plugin-aks-baseline-common';
import { exampleRequests } from '../../__testUtils__/onboardingFixtures';
import { generateOnboarding } from '.';
import { OnboardingSpec } from './spec';

/*
 * Proof, by the independent NetworkPolicy evaluator, that the generated
 * policies allow exactly what the onboarding promises (K8S-06, K8S-07):
 * Traefik -> app on the target port, app -> kube-dns on 53, the requested
 * egress, and nothing else.
 */

const TARGET_PORT_NUMBER = { http: 8080, https: 8443 } as Record<
  string,
  number
>;

/** A small cluster around the app: Traefik, kube-dns, look-alikes, bystanders. */
function clusterModel(spec: OnboardingSpec): {
  namespaces: NetpolNamespace[];
  pods: NetpolPod[];
  containerPort: number;
} {
  const containerPort =
    typeof spec.targetPort === 'number'
      ? spec.targetPort
      : TARGET_PORT_NUMBER[spec.targetPort];
  const namedPort =
    typeof spec.targetPort === 'string' ? { name: spec.targetPort } : {};
  const traefikLabels = spec.traefik.podLabels;
  return {
    namespaces: [
      { name: 'kube-system' },
      { name: spec.traefik.namespace },
      { name: spec.namespace },
      { name: 'unrelated' },
      { name: 'commerce-db' },
    ],
    pods: [
      {
        namespace: 'kube-system',
        name: 'coredns',
        labels: { 'k8s-app': 'kube-dns' },
        ports: [
          { name: 'dns', containerPort: 53, protocol: 'UDP' },
          { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
        ],
      },
      {
        namespace: spec.traefik.namespace,
        name: 'traefik',
        labels: traefikLabels,
      },
      {
        namespace: spec.traefik.namespace,
        name: 'not-traefik',
        labels: { 'app.kubernetes.io/name': 'something-else' },
      },
      {
        // Traefik's labels in the wrong namespace.
        namespace: 'unrelated',
        name: 'traefik-lookalike',
        labels: traefikLabels,
      },
      { namespace: 'unrelated', name: 'client', labels: { app: 'client' } },
      {
        namespace: spec.namespace,
        name: 'app',
        labels: {
          'app.kubernetes.io/name': spec.appName,
          'azure.workload.identity/use': 'true',
        },
        ports: [{ ...namedPort, containerPort, protocol: 'TCP' }],
      },
      {
        // Another pod in the app's namespace, not labelled as the app.
        namespace: spec.namespace,
        name: 'job',
        labels: { 'app.kubernetes.io/name': `${spec.appName}-job` },
      },
      {
        namespace: 'commerce-db',
        name: 'postgres',
        labels: { 'app.kubernetes.io/name': 'postgres' },
        ports: [{ containerPort: 5432 }],
      },
      {
        namespace: 'commerce-db',
        name: 'redis',
        labels: { 'app.kubernetes.io/name': 'redis' },
      },
    ],
    containerPort,
  };
}

const pod = (namespace: string, name: string): NetpolPeer => ({
  pod: { namespace, name },
});
const tcp = (port: number) => ({ protocol: 'TCP', from: port, to: port });

describe.each(exampleRequests().map(r => [r.spec.appName, r.spec] as const))(
  'NetworkPolicies generated for %s',
  (_name, spec) => {
    const model = clusterModel(spec);
    const policies = generateOnboarding(spec).manifests.filter(
      m => m.kind === 'NetworkPolicy',
    ) as unknown as NetworkPolicyObject[];
    const analysis = analyzeNetworkPolicies({
      namespaces: model.namespaces,
      pods: model.pods,
      policies,
    });

    const app = pod(spec.namespace, 'app');
    const traefik = pod(spec.traefik.namespace, 'traefik');
    const kubeDns = pod('kube-system', 'coredns');

    it('lets Traefik reach the app on the target port, and only there', () => {
      expect(analysis.allowed(traefik, app)).toEqual([
        tcp(model.containerPort),
      ]);
      expect(
        analysis.explain(traefik, app, 'TCP', model.containerPort).allowed,
      ).toBe(true);
      expect(
        analysis.explain(traefik, app, 'TCP', model.containerPort + 1).allowed,
      ).toBe(false);
      expect(
        analysis.explain(traefik, app, 'UDP', model.containerPort).allowed,
      ).toBe(false);
    });

    it('denies everything else that tries to reach the app', () => {
      for (const source of [
        pod(spec.traefik.namespace, 'not-traefik'),
        pod('unrelated', 'traefik-lookalike'),
        pod('unrelated', 'client'),
        pod(spec.namespace, 'job'),
        kubeDns,
        { ip: '10.240.5.10' },
        { ip: '203.0.113.7' },
      ]) {
        expect({ source, ports: analysis.allowed(source, app) }).toEqual({
          source,
          ports: [],
        });
      }
    });

    it('denies Traefik into the rest of the namespace', () => {
      expect(analysis.allowed(traefik, pod(spec.namespace, 'job'))).toEqual([]);
    });

    it('lets every pod of the namespace resolve names through kube-dns only', () => {
      for (const source of [app, pod(spec.namespace, 'job')]) {
        expect(analysis.allowed(source, kubeDns)).toEqual([
          tcp(53),
          { protocol: 'UDP', from: 53, to: 53 },
        ]);
        expect(analysis.explain(source, kubeDns, 'UDP', 53).allowed).toBe(true);
        expect(analysis.explain(source, kubeDns, 'TCP', 53).allowed).toBe(true);
        expect(analysis.explain(source, kubeDns, 'TCP', 443).allowed).toBe(
          false,
        );
      }
    });

    it('denies egress anywhere the input did not ask for', () => {
      for (const destination of [
        traefik,
        pod('unrelated', 'client'),
        pod('commerce-db', 'redis'),
        { ip: '8.8.8.8' },
        { ip: '10.0.0.1' },
      ]) {
        expect({
          destination,
          ports: analysis.allowed(app, destination),
        }).toEqual({ destination, ports: [] });
      }
    });

    it('would catch Traefik selectors split into two peers (the proof is not vacuous)', () => {
      const flawed = structuredClone(policies);
      const ingress = flawed.find(
        p => p.metadata.name === 'allow-ingress-from-traefik',
      )!.spec.ingress![0];
      const [{ namespaceSelector, podSelector }] = ingress.from!;
      ingress.from = [{ namespaceSelector }, { podSelector }];
      const flawedAnalysis = analyzeNetworkPolicies({
        ...model,
        policies: flawed,
      });
      // The namespace selector alone admits every pod in Traefik's namespace.
      expect(
        flawedAnalysis.allowed(pod(spec.traefik.namespace, 'not-traefik'), app),
      ).toEqual([tcp(model.containerPort)]);
    });

    it('allows exactly the requested egress', () => {
      const postgres = pod('commerce-db', 'postgres');
      const external = { ip: '20.50.1.1' };
      const asked = spec.egress.length > 0;
      expect(analysis.allowed(app, postgres)).toEqual(asked ? [tcp(5432)] : []);
      expect(analysis.allowed(app, external)).toEqual(asked ? [tcp(443)] : []);
      // The allowance is the app's, not the namespace's.
      expect(analysis.allowed(pod(spec.namespace, 'job'), postgres)).toEqual(
        [],
      );
      expect(analysis.allowed(app, { ip: '20.51.0.1' })).toEqual([]);
    });
  },
);
