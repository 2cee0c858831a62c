import { KubernetesObject } from '../types';
import {
  EgressAllowance,
  OnboardingSpec,
  commonLabels,
  onboardingNames,
} from './spec';

/*
 * The namespace's NetworkPolicies (controls K8S-06 and K8S-07). Policies are
 * additive: the default deny selects every pod for both directions, and each
 * further policy opens exactly one kind of traffic.
 */

const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

function networkPolicy(
  spec: OnboardingSpec,
  name: string,
  body: Record<string, unknown>,
): KubernetesObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: {
      name,
      namespace: spec.namespace,
      labels: commonLabels(spec),
    },
    spec: body,
  };
}

/** Denies all ingress and egress for every pod in the namespace. */
export function defaultDenyNetworkPolicy(
  spec: OnboardingSpec,
): KubernetesObject {
  return networkPolicy(spec, 'default-deny', {
    podSelector: {},
    policyTypes: ['Ingress', 'Egress'],
  });
}

/** Lets every pod resolve names through kube-dns, and nothing else. */
export function dnsEgressNetworkPolicy(spec: OnboardingSpec): KubernetesObject {
  return networkPolicy(spec, 'allow-dns-egress', {
    podSelector: {},
    policyTypes: ['Egress'],
    egress: [
      {
        to: [
          {
            namespaceSelector: {
              matchLabels: { [NAMESPACE_NAME_LABEL]: 'kube-system' },
            },
            podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
          },
        ],
        ports: [
          { protocol: 'UDP', port: 53 },
          { protocol: 'TCP', port: 53 },
        ],
      },
    ],
  });
}

/**
 * Admits Traefik's pods, and only them, to the app's pods on the target
 * port. Namespace and pod selector sit in ONE peer, so both must match; as
 * two peers they would admit every pod in Traefik's namespace, and pods with
 * Traefik's labels in the app's own namespace.
 */
export function traefikIngressNetworkPolicy(
  spec: OnboardingSpec,
): KubernetesObject {
  const names = onboardingNames(spec);
  return networkPolicy(spec, 'allow-ingress-from-traefik', {
    podSelector: { matchLabels: names.podLabels },
    policyTypes: ['Ingress'],
    ingress: [
      {
        from: [
          {
            namespaceSelector: {
              matchLabels: { [NAMESPACE_NAME_LABEL]: spec.traefik.namespace },
            },
            podSelector: { matchLabels: { ...spec.traefik.podLabels } },
          },
        ],
        ports: [{ protocol: 'TCP', port: spec.targetPort }],
      },
    ],
  });
}

/** The egress the app asked for, one rule per allowance; undefined if none. */
export function egressAllowanceNetworkPolicy(
  spec: OnboardingSpec,
): KubernetesObject | undefined {
  if (spec.egress.length === 0) return undefined;
  const names = onboardingNames(spec);
  return networkPolicy(spec, 'allow-requested-egress', {
    podSelector: { matchLabels: names.podLabels },
    policyTypes: ['Egress'],
    egress: spec.egress.map(egressRule),
  });
}

function egressRule(allowance: EgressAllowance): Record<string, unknown> {
  const ports = allowance.ports.map(p => ({
    protocol: p.protocol,
    port: p.port,
  }));
  if ('cidr' in allowance) {
    return { to: [{ ipBlock: { cidr: allowance.cidr } }], ports };
  }
  const peer: Record<string, unknown> = {
    namespaceSelector: {
      matchLabels: { [NAMESPACE_NAME_LABEL]: allowance.namespace },
    },
  };
  if (allowance.podLabels && Object.keys(allowance.podLabels).length > 0) {
    peer.podSelector = { matchLabels: { ...allowance.podLabels } };
  }
  return { to: [peer], ports };
}
