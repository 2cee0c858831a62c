import { createBackend } from '@backstage/backend-defaults';
import { kubernetesModuleAksBaselineDemo } from '@aks-baseline/plugin-aks-baseline-backend-module-demo';
import { kubernetesModuleAksBaselineClusterPages } from '@aks-baseline/plugin-catalog-backend-module-aks-baseline';

const backend = createBackend();

backend.add(import('@backstage/plugin-app-backend'));

// Auth: the guest provider lets a newcomer sign in on the embedded default.
// Replace it with your identity provider: https://backstage.io/docs/auth/
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));

backend.add(import('@backstage/plugin-catalog-backend'));
backend.add(
  import('@backstage/plugin-catalog-backend-module-scaffolder-entity-model'),
);
backend.add(import('@backstage/plugin-catalog-backend-module-logs'));

backend.add(import('@backstage/plugin-scaffolder-backend'));
backend.add(import('@backstage/plugin-scaffolder-backend-module-github'));
// Azure Repos (publish:azure): the templates' "Azure DevOps" choice. Needs
// integrations.azure in app-config (README, "Publishing the generated files").
backend.add(import('@backstage/plugin-scaffolder-backend-module-azure'));

// Permissions: allow-all for local development. To enforce who may read the
// fleet and trigger refreshes, replace this module with your own policy, see
// README.md ("Permissions") and https://backstage.io/docs/permissions/writing-a-policy
backend.add(import('@backstage/plugin-permission-backend'));
backend.add(
  import('@backstage/plugin-permission-backend-module-allow-all-policy'),
);

// Notifications (the AKS baseline plugin tells owners about expiring
// certificates and failing controls through them) and signals, which push
// new notifications to open browsers.
backend.add(import('@backstage/plugin-notifications-backend'));
backend.add(import('@backstage/plugin-signals-backend'));

// The AKS baseline plugin and its scaffolder actions.
backend.add(import('@aks-baseline/plugin-aks-baseline-backend'));
// The demo estate (no Azure account needed). Remove this line for a real
// estate and set aksBaseline.sources instead (app-config.production.yaml).
backend.add(import('@aks-baseline/plugin-aks-baseline-backend-module-demo'));
backend.add(
  import('@aks-baseline/plugin-scaffolder-backend-module-aks-baseline'),
);
// Every cluster the AKS baseline plugin discovers becomes a catalog entity.
backend.add(import('@aks-baseline/plugin-catalog-backend-module-aks-baseline'));

// Backstage's Kubernetes plugin (pods etc. of onboarded apps), clusters from
// the catalog (kubernetes.clusterLocatorMethods, app-config.yaml).
backend.add(import('@backstage/plugin-kubernetes-backend'));
// A cluster page's Kubernetes tab reads that cluster only (apps keep
// kubernetes.serviceLocatorMethod).
backend.add(kubernetesModuleAksBaselineClusterPages);
// The demo's fixture clusters for it; remove with the demo module above.
backend.add(kubernetesModuleAksBaselineDemo);

// When a plugin fails to start (backend.startup onPluginBootFailure: abort,
// app-config.yaml), start() rejects but leaves the HTTP server up, answering
// readiness 503 and liveness 200 for ever, so no orchestrator would restart
// it. Exit non-zero instead: Kubernetes restarts the pod, and a replica that
// lost a first-start migration race comes back to a migrated database.
backend.start().catch(error => {
  console.error('Backend start-up failed; exiting.', error);
  process.exit(1);
});
