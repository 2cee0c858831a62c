export {
  CLUSTER_CONTRACT_FIELD_NAME,
  ClusterContractField,
} from './ClusterContractField';
export {
  FIREWALL_PRIVATE_IP_FIELD_NAME,
  FirewallPrivateIpField,
  validateFirewallPrivateIp,
} from './FirewallPrivateIpField';
export { EGRESS_FIELD_NAME, EgressField, validateEgress } from './EgressField';
