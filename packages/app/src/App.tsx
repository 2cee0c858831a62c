import { createApp } from '@backstage/frontend-defaults';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import aksBaselinePlugin from '@aks-baseline/plugin-aks-baseline/alpha';
import { navModule } from './modules/nav';

export default createApp({
  features: [catalogPlugin, aksBaselinePlugin, navModule],
});
