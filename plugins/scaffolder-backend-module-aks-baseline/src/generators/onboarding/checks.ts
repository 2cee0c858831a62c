import { KubernetesObject } from '../types';
import { AppGatewayFragment } from './appGatewayFragment';
import { OnboardingSpec } from './spec';

/**
 * Cross-object checks on a generated onboarding, run before anything is
 * written. Input is validated earlier, so a failure here is a generator bug:
 * the action refuses to write rather than ship an inconsistent set. They
 * mirror the in-cluster and edge controls (K8S-04..07, TLS-02..04).
 */
export function checkOnboarding(
  spec: OnboardingSpec,
  manifests: KubernetesObject[],
  gateway: AppGatewayFragment,
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

  const policies = ofKind('NetworkPolicy').map(specOf);
  expect(
    policies.some(
      p =>
        Object.keys(p.podSelector ?? {}).length === 0 &&
        p.policyTypes?.includes('Ingress') &&
        p.policyTypes?.includes('Egress') &&
        !p.ingress &&
        !p.egress,
    ),
    'no default deny NetworkPolicy for Ingress and Egress (K8S-06)',
  );
  expect(
    policies.some(p =>
      p.ingress?.some((rule: any) =>
        rule.ports?.some((port: any) => port.port === spec.targetPort),
      ),
    ),
    `no NetworkPolicy admits the target port ${spec.targetPort} (K8S-07)`,
  );

  const spc = specOf(ofKind('SecretProviderClass')[0]);
  expect(spc.provider === 'azure', 'SecretProviderClass provider is not azure');
  expect(
    spc.parameters?.tenantID && !('tenantId' in (spc.parameters ?? {})),
    'SecretProviderClass must use tenantID, not tenantId (K8S-04)',
  );
  const tlsSecrets = (spc.secretObjects ?? [])
    .filter((s: any) => s.type === 'kubernetes.io/tls')
    .map((s: any) => s.secretName);

  const route = specOf(ofKind('IngressRoute')[0]);
  expect(
    route.entryPoints?.length === 1 && route.entryPoints[0] === 'websecure',
    'IngressRoute must use only the websecure entry point (K8S-05)',
  );
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

  const gw = gateway.properties;
  expect(
    gw.httpListeners.every(l => l.properties.protocol === 'Https'),
    'App Gateway listener is not HTTPS (TLS-02)',
  );
  expect(
    gw.sslCertificates.every(c => c.properties.keyVaultSecretId),
    'App Gateway certificate is not from Key Vault (TLS-02)',
  );
  expect(
    gw.backendHttpSettingsCollection.every(
      s =>
        s.properties.protocol === 'Https' &&
        s.properties.port === 443 &&
        (s.properties.trustedRootCertificates as unknown[]).length > 0,
    ),
    'App Gateway does not re-encrypt to Traefik on 443 with a trusted root (TLS-03)',
  );
  expect(
    gw.probes.every(
      p => p.properties.protocol === 'Https' && p.properties.path,
    ),
    'App Gateway probe is not HTTPS with a path (TLS-04)',
  );
  return problems;
}
