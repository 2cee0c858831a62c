import { ClusterNames } from '../names';
import { ClusterSpec } from '../spec';
import {
  API_VERSIONS,
  ArmTemplateResource,
  RESOURCE_TYPES,
} from './expressions';

/** Zones for a zone-redundant resource, or nothing in a region without zones. */
export function zonesOf(spec: ClusterSpec): { zones?: string[] } {
  return spec.availabilityZones.length
    ? { zones: [...spec.availabilityZones] }
    : {};
}

/** App Gateway's public frontend: Standard SKU (zone-redundant where zones exist), static. */
export function appGatewayPublicIp(
  spec: ClusterSpec,
  names: ClusterNames,
  tags: Record<string, string>,
): ArmTemplateResource {
  return {
    type: RESOURCE_TYPES.publicIp,
    apiVersion: API_VERSIONS.network,
    name: names.publicIp,
    location: spec.location,
    tags,
    sku: { name: 'Standard', tier: 'Regional' },
    ...zonesOf(spec),
    properties: {
      publicIPAllocationMethod: 'Static',
      publicIPAddressVersion: 'IPv4',
      idleTimeoutInMinutes: 4,
    },
  };
}

/**
 * The WAF policy (WAF-02, WAF-03): enforcing (Prevention blocks, Detection
 * only logs), the OWASP 3.2 core rule set, and the bot manager rule set.
 */
export function wafPolicy(
  spec: ClusterSpec,
  names: ClusterNames,
  tags: Record<string, string>,
): ArmTemplateResource {
  return {
    type: RESOURCE_TYPES.wafPolicy,
    apiVersion: API_VERSIONS.network,
    name: names.wafPolicy,
    location: spec.location,
    tags,
    properties: {
      policySettings: {
        state: 'Enabled',
        mode: 'Prevention',
        requestBodyCheck: true,
        maxRequestBodySizeInKb: 128,
        fileUploadLimitInMb: 100,
      },
      managedRules: {
        managedRuleSets: [
          { ruleSetType: 'OWASP', ruleSetVersion: '3.2' },
          { ruleSetType: 'Microsoft_BotManagerRuleSet', ruleSetVersion: '1.1' },
        ],
      },
    },
  };
}
