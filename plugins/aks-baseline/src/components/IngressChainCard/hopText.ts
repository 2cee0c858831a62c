import {
  ChainHop,
  HopKind,
  TlsBoundary,
} from '@aks-baseline/plugin-aks-baseline-common';
import { hopStatusText } from '../StatusLabel';

/** What each kind of hop is, in the words of the baseline's diagrams. */
export const HOP_KIND_LABEL: Record<HopKind, string> = {
  internet: 'Internet',
  'public-ip': 'Public IP',
  listener: 'App Gateway listener',
  waf: 'WAF',
  'routing-rule': 'Routing rule',
  'backend-settings': 'Backend settings',
  probe: 'Health probe',
  'backend-pool': 'Backend pool',
  traefik: 'Traefik',
  route: 'Route',
  service: 'Service',
  endpoints: 'Endpoints',
  pods: 'Pods',
  'node-subnet': 'Node subnet',
  'route-table': 'Route table',
  firewall: 'Azure Firewall',
  'private-endpoint': 'Private endpoint',
  'key-vault': 'Key Vault',
  nsg: 'NSG',
  middleware: 'Traefik middleware',
  'network-policy': 'NetworkPolicy',
};

// The App Gateway's parts all belong to the gateway, so a TLS boundary on any
// of them happens "at App Gateway".
const APP_GATEWAY_PARTS: HopKind[] = [
  'listener',
  'waf',
  'routing-rule',
  'backend-settings',
  'probe',
  'backend-pool',
];

function tlsPlace(kind: HopKind): string {
  if (APP_GATEWAY_PARTS.includes(kind)) return 'App Gateway';
  return HOP_KIND_LABEL[kind];
}

/** The words on the boundary drawn before a hop, e.g. "TLS terminated at Traefik". */
export function tlsBoundaryText(kind: HopKind, boundary: TlsBoundary): string {
  switch (boundary) {
    case 'terminates':
      return `TLS terminated at ${tlsPlace(kind)}`;
    case 're-encrypts':
      return `TLS re-encrypted by ${tlsPlace(kind)}`;
    default:
      // Plaintext on the backend settings is App Gateway talking HTTP to
      // Traefik; on the listener it is clients talking HTTP to App Gateway.
      if (kind === 'backend-settings')
        return 'not re-encrypted: HTTP to Traefik';
      if (kind === 'listener') return 'no TLS: HTTP from clients';
      return `no TLS into ${tlsPlace(kind)}`;
  }
}

/** A hop button's accessible name, e.g. "App Gateway apw-x · listener-https: ok". */
export function hopAccessibleName(hop: ChainHop): string {
  return `${hop.title}: ${hopStatusText(hop.status)}`;
}
