import { createFormField } from '@backstage/plugin-scaffolder-react/alpha';
import {
  CLUSTER_CONTRACT_FIELD_NAME,
  ClusterContractField,
} from './ClusterContractField';
import { EGRESS_FIELD_NAME, EgressField, validateEgress } from './EgressField';
import {
  FIREWALL_PRIVATE_IP_FIELD_NAME,
  FirewallPrivateIpField,
  validateFirewallPrivateIp,
} from './FirewallPrivateIpField';

/*
 * The form fields for apps on the new frontend system (FormFieldBlueprint
 * loads these lazily); plugin.ts provides the same components to the legacy
 * scaffolder through createScaffolderFieldExtension.
 */

/** The onboarding form's "What the cluster says" field. */
export const clusterContractFormField = createFormField({
  name: CLUSTER_CONTRACT_FIELD_NAME,
  component: ClusterContractField,
});

/** The cluster form's hub firewall private IP, checked against the spoke VNet. */
export const firewallPrivateIpFormField = createFormField({
  name: FIREWALL_PRIVATE_IP_FIELD_NAME,
  component: FirewallPrivateIpField,
  validation: validateFirewallPrivateIp,
});

/** The onboarding form's egress list, with buttons that say what they add and remove. */
export const egressFormField = createFormField({
  name: EGRESS_FIELD_NAME,
  component: EgressField,
  validation: validateEgress,
});
