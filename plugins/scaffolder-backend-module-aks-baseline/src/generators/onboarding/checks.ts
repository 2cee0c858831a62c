import {
  BaselineResources,
  ControlResult,
  evaluateBaselineControls,
} from '@aks-baseline/plugin-aks-baseline-common';
import { KubernetesObject } from '../types';
import { AppGatewayFragment } from './appGatewayFragment';
import { OnboardingSpec, onboardingNames } from './spec';

/**
 * The controls an onboarding decides by what it writes: App Gateway's side
 * of the route (TLS-02..04) and the app's namespace (K8S-04..07). The others
 * judge the cluster, its gateway and its Traefik, which the onboarding only
 * joins; K8S-08 needs the federated credentials the README asks for.
 */
export const ONBOARDING_CONTROLS = [
  'TLS-02',
  'TLS-03',
  'TLS-04',
  'K8S-04',
  'K8S-05',
  'K8S-06',
  'K8S-07',
];

/**
 * What the app team deploys as the README asks (a Service of that name,
 * port and target port, selecting the app's pod labels): the routed Service
 * the controls follow to the app's pods. Judged, never written.
 */
export function appServiceAsAgreed(spec: OnboardingSpec): KubernetesObject {
  const names = onboardingNames(spec);
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: names.service, namespace: spec.namespace },
    spec: {
      selector: names.podLabels,
      ports: [{ port: spec.servicePort, targetPort: spec.targetPort }],
    },
  };
}

/**
 * The generated objects as the control evaluator's input, the way the
 * dashboard reads a live cluster: the manifests with the app's Service as
 * agreed, Traefik where the spec says it runs, and the App Gateway fragment
 * as the gateway's settings.
 */
export function onboardingResources(
  spec: OnboardingSpec,
  manifests: KubernetesObject[],
  gateway: AppGatewayFragment,
): BaselineResources {
  return {
    applicationGateways: [
      {
        name: `App Gateway fragment for ${spec.appName}`,
        properties: gateway.properties,
      },
    ],
    kubernetes: {
      objects: [...manifests, appServiceAsAgreed(spec)],
      traefik: {
        namespace: spec.traefik.namespace,
        podLabels: spec.traefik.podLabels,
      },
    },
  };
}

/** The onboarding's controls, each of which must pass on what it generated. */
export function onboardingControls(
  spec: OnboardingSpec,
  manifests: KubernetesObject[],
  gateway: AppGatewayFragment,
): ControlResult[] {
  return evaluateBaselineControls(
    onboardingResources(spec, manifests, gateway),
  ).filter(result => ONBOARDING_CONTROLS.includes(result.id));
}

/**
 * Checks on a generated onboarding, run before anything is written: the
 * baseline controls it decides, judged by the same evaluator as the live
 * fleet, and what holds the objects together (names, namespace, the TLS
 * secret the route serves, the middlewares it uses). Input is validated
 * earlier, so a failure here is a generator bug, or a request the baseline
 * refuses (egress to the whole Internet fails K8S-06): the action refuses
 * to write.
 */
export function checkOnboarding(
  spec: OnboardingSpec,
  manifests: KubernetesObject[],
  gateway: AppGatewayFragment,
): string[] {
  const failing = onboardingControls(spec, manifests, gateway)
    .filter(result => result.status !== 'pass')
    .map(
      result =>
        `${result.id} ${result.title} (${result.status}): ${result.reason}`,
    );
  return [...failing, ...consistencyProblems(spec, manifests)];
}

/** What no control reads: the generated objects agree with each other. */
function consistencyProblems(
  spec: OnboardingSpec,
  manifests: KubernetesObject[],
): string[] {
  const problems: string[] = [];
  const expect = (ok: unknown, problem: string) => {
    if (!ok) problems.push(problem);
  };
  const ofKind = (kind: string) => manifests.filter(m => m.kind === kind);
  const specOf = (m: KubernetesObject | undefined) =>
    (m?.spec ?? {}) as Record<string, any>;

  const seen = new Set<string>();
  for (const m of manifests) {
    const key = `${m.kind}/${m.metadata.name}`;
    expect(!seen.has(key), `${key} is generated twice`);
    seen.add(key);
    if (m.kind !== 'Namespace') {
      expect(
        m.metadata.namespace === spec.namespace,
        `${key} is outside namespace ${spec.namespace}`,
      );
    }
  }

  const tlsSecrets = (
    specOf(ofKind('SecretProviderClass')[0]).secretObjects ?? []
  )
    .filter((s: any) => s.type === 'kubernetes.io/tls')
    .map((s: any) => s.secretName);
  const route = specOf(ofKind('IngressRoute')[0]);
  expect(
    tlsSecrets.includes(route.tls?.secretName),
    'IngressRoute TLS secret is not the one the CSI driver syncs',
  );
  const middlewares = new Set(ofKind('Middleware').map(m => m.metadata.name));
  for (const r of route.routes ?? []) {
    for (const mw of r.middlewares ?? []) {
      expect(
        middlewares.has(mw.name),
        `middleware ${mw.name} is not generated`,
      );
    }
  }
  return problems;
}
