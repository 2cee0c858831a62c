import { createOnboardAppAction } from '@aks-baseline/plugin-scaffolder-backend-module-aks-baseline';
import { createMockDirectory } from '@backstage/backend-test-utils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { onboardedApp, OnboardedAppSpec } from './onboardedApp';

// The demo writes payments-api's objects by hand (the demo module must not
// depend on the scaffolder module at run time). This test keeps them what the
// onboarding action really generates, so the reader's tests on the demo are
// tests of the generator's output: the two meet.
const spec: OnboardedAppSpec = {
  appName: 'payments-api',
  namespace: 'payments',
  host: 'payments.contoso-demo.com',
  owner: 'payments-team',
  clusterRef: 'resource:default/aks-prod-weu',
  servicePort: 80,
  targetPort: 8080,
  traefik: {
    namespace: 'a0008',
    podLabels: { 'app.kubernetes.io/name': 'traefik-ingress-ilb' },
  },
  appGatewaySubnetCidr: '10.240.5.0/24',
  keyVault: {
    name: 'kv-aks-prod-weu',
    tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
    certificateReaderClientId: '3c8a7d7e-1f5b-4b8e-9d0a-2f6c1e4b5a90',
    certificateName: 'payments-contoso-demo-com-tls',
  },
  registry: 'acraksprodweu.azurecr.io',
  podIps: ['10.240.0.45'],
};

async function generatedByScaffolderAction() {
  const workspace = createMockDirectory();
  const ctx = createMockActionContext({
    workspacePath: workspace.path,
    input: {
      appName: spec.appName,
      owner: `group:default/${spec.owner}`,
      cluster: spec.clusterRef,
      namespace: spec.namespace,
      host: spec.host,
      servicePort: spec.servicePort,
      targetPort: String(spec.targetPort),
      traefikNamespace: spec.traefik.namespace,
      traefikPodLabels: spec.traefik.podLabels,
      appGatewaySubnetCidr: spec.appGatewaySubnetCidr,
      keyVaultName: spec.keyVault.name,
      tenantId: spec.keyVault.tenantId,
      certificateReaderClientId: spec.keyVault.certificateReaderClientId,
      certificateName: spec.keyVault.certificateName,
      outputDir: './cluster-repo',
      platformOutputDir: './platform-infra',
    } as any,
  });
  await createOnboardAppAction().handler(ctx);
  const dir = join(workspace.path, 'cluster-repo');
  return readdirSync(dir)
    .filter(
      f =>
        f.endsWith('.yaml') &&
        f !== 'kustomization.yaml' &&
        f !== 'catalog-info.yaml',
    )
    .flatMap(f =>
      parseAllDocuments(readFileSync(join(dir, f), 'utf8')).map(d => d.toJS()),
    );
}

const key = (o: any) =>
  `${o.kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`;

describe('the demo payments-api', () => {
  it('is exactly what the onboard-app action generates, plus what the app team deploys', async () => {
    const generated = await generatedByScaffolderAction();
    const demo = new Map(onboardedApp(spec).map(o => [key(o), o]));

    expect(generated.length).toBeGreaterThanOrEqual(7);
    for (const object of generated) {
      expect(demo.get(key(object))).toEqual(object);
    }
  });
});
