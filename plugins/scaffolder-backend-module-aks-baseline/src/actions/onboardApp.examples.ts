import { TemplateExample } from '@backstage/plugin-scaffolder-node';
import { stringify } from 'yaml';

/*
 * Examples shown in the scaffolder's action list. `onboardApp.test.ts` runs
 * every one of them through the action, so they stay correct.
 */

const step = (name: string, input: Record<string, unknown>) =>
  stringify({
    steps: [
      {
        id: 'onboard',
        action: 'aks-baseline:onboard-app',
        name,
        input,
      },
    ],
  });

export const examples: TemplateExample[] = [
  {
    description:
      'Onboard an app onto a cluster the catalog has no stamp contract for: every value given, the rest the reference defaults (Traefik in a0008, service port 80, files in ./cluster-repo and ./platform-infra).',
    example: step('Onboard my-app', {
      appName: 'my-app',
      owner: 'group:default/team-a',
      cluster: 'resource:default/aks-prod-weu',
      host: 'my-app.contoso.com',
      targetPort: 8080,
      keyVaultName: 'kv-aks-prod-weu',
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      certificateReaderClientId: '3c8a7d7e-1f5b-4b8e-9d0a-2f6c1e4b5a90',
      certificateName: 'my-app-contoso-com-tls',
    }),
  },
  {
    description:
      'Onboard an app with its own workload identity, a named target port, the App Gateway subnet and egress to a database namespace and an external API.',
    example: step('Onboard orders', {
      appName: 'orders',
      owner: 'group:default/commerce',
      cluster: 'resource:default/aks-prod-weu',
      namespace: 'commerce-orders',
      host: 'orders.apps.contoso.com',
      ingressDomain: 'apps.contoso.com',
      servicePort: 443,
      targetPort: 'https',
      traefikNamespace: 'a0008',
      traefikPodLabels: { 'app.kubernetes.io/name': 'traefik-ingress-ilb' },
      appGatewaySubnetCidr: '10.240.5.0/24',
      keyVaultName: 'kv-aks-prod-weu',
      tenantId: '72f988bf-86f1-41af-91ab-2d7cd011db47',
      certificateReaderClientId: '3c8a7d7e-1f5b-4b8e-9d0a-2f6c1e4b5a90',
      certificateName: 'orders-ingress-tls',
      gatewayCertificateName: 'orders-public-tls',
      appIdentityClientId: '9d2e4f60-7a1b-4c3d-8e5f-0a1b2c3d4e5f',
      egress: [
        {
          namespace: 'commerce-db',
          podLabels: { 'app.kubernetes.io/name': 'postgres' },
          ports: [{ port: 5432 }],
        },
        { cidr: '20.50.0.0/16', ports: [{ port: 443, protocol: 'TCP' }] },
      ],
      healthProbePath: '/healthz',
      routingRulePriority: 210,
      outputDir: './gitops/apps/orders',
      platformOutputDir: './platform/appgateway',
    }),
  },
  {
    description:
      "Onboard an app onto a cluster made by aks-baseline:create-cluster: the Key Vault, tenant, Traefik's namespace and pod labels, the App Gateway subnet and names and the ingress domain come from the cluster entity's stamp contract (its aks-baseline.io/stamp-* annotations). The certificate reader is given because the contract has it only once the cluster's owner adds it.",
    example: step('Onboard shop onto a generated cluster', {
      appName: 'shop',
      owner: 'group:default/team-a',
      cluster: 'resource:default/aks-prod-weu',
      host: 'shop.contoso.com',
      targetPort: 8080,
      certificateReaderClientId: '3c8a7d7e-1f5b-4b8e-9d0a-2f6c1e4b5a90',
      certificateName: 'shop-contoso-com-tls',
    }),
  },
];
