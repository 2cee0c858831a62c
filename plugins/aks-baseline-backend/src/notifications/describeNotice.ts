import { parseEntityRef } from '@backstage/catalog-model';
import {
  CERTIFICATE_PURPOSE_LABEL,
  renewalAdvice,
  type ClusterSnapshot,
} from '@aks-baseline/plugin-aks-baseline-common';
import type { NotificationPayload } from '@backstage/plugin-notifications-common';
import type { PlannedNotice } from './planNotices';

/** Where the fleet page lives in the app (the plugin's PageBlueprint path). */
const FLEET_PAGE = '/aks-baseline';
/** The plugin's tab on an entity page. */
const ENTITY_TAB = 'aks-baseline';

// Expired breaks TLS now; critical leaves days to act; warning is a heads-up
// to plan the renewal (`low`: Backstage draws `normal` as a green check).
const CERTIFICATE_SEVERITY = {
  expired: 'critical',
  critical: 'high',
  warning: 'low',
} as const;

const CONTROL_SEVERITY = {
  high: 'high',
  medium: 'normal',
  low: 'low',
} as const;

/**
 * The notification for one notice: what happened on which cluster, how to
 * fix it, and a link to the cluster's tab (or the fleet page when the
 * cluster has no catalog entity). `scope` is per subject, instance and
 * level (`|` apart: ids and dates hold `:` and `/`), so the notifications
 * backend itself also keeps one per crossing.
 */
export function describeNotice(
  notice: PlannedNotice,
  cluster: ClusterSnapshot,
): NotificationPayload {
  const common = {
    link: clusterLink(cluster),
    scope: [
      'aks-baseline',
      cluster.resourceId.toLowerCase(),
      notice.subject,
      notice.instance,
      notice.level,
    ].join('|'),
  };
  if (notice.kind === 'control') {
    const { control } = notice;
    return {
      ...common,
      title: `${cluster.name}: control ${control.id} is failing (${control.title})`,
      description: `${sentence(control.reason)} Found: ${
        control.found
      }; expected: ${control.expected}.`,
      severity: CONTROL_SEVERITY[control.severity],
      topic: 'AKS baseline controls',
    };
  }
  const { certificate, hosts } = notice;
  const where = certificate.vaultName
    ? `Key Vault ${certificate.vaultName}, object ${certificate.name}`
    : `gateway certificate ${certificate.name}`;
  return {
    ...common,
    title: `${cluster.name}: ${
      CERTIFICATE_PURPOSE_LABEL[certificate.purpose]
    } ${certificate.name} ${certificate.statusText}`,
    description: [
      `${where}; valid until ${readableTime(notice.instance)}.`,
      hosts.length > 0 ? `Serves ${hosts.join(', ')}.` : '',
      `To fix: ${renewalAdvice(
        certificate,
      )}. The portal tells again if the renewed certificate nears expiry.`,
    ]
      .filter(Boolean)
      .join(' '),
    severity: CERTIFICATE_SEVERITY[notice.level],
    topic: 'AKS certificate expiry',
  };
}

/** `2026-12-04 22:40 UTC` */
function readableTime(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/** A reason as a sentence: capital first, one full stop. */
function sentence(text: string): string {
  const trimmed = text.trim().replace(/\.+$/, '');
  return `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}.`;
}

function clusterLink(cluster: ClusterSnapshot): string {
  if (!cluster.entityRef) return FLEET_PAGE;
  const { kind, namespace, name } = parseEntityRef(cluster.entityRef);
  return `/catalog/${namespace}/${kind.toLowerCase()}/${name}/${ENTITY_TAB}`;
}
