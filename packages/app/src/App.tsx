import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import kubernetesPlugin from '@backstage/plugin-kubernetes/alpha';
import notificationsPlugin from '@backstage/plugin-notifications/alpha';
import signalsPlugin from '@backstage/plugin-signals/alpha';
import aksBaselinePlugin from '@aks-baseline/plugin-aks-baseline/alpha';
import { navModule } from './modules/nav';

export default createApp({
  features: [
    catalogPlugin,
    aksBaselinePlugin,
    // Pods, deployments and their errors for apps annotated backstage.io/kubernetes-id.
    kubernetesPlugin,
    // Owners' notices (expiring certificates, failing controls), pushed live.
    notificationsPlugin,
    signalsPlugin,
    navModule,
  ],
});
