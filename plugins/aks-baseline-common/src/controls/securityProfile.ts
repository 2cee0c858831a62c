import { asBoolean, asString, readArm } from '../arm/read';
import type { ArmManagedCluster } from '../arm/types';
import { onCluster } from './cluster';
import {
  ControlEvaluators,
  Finding,
  Judgement,
  judge,
  show,
} from './judgement';

/*
 * DEF-01/02: the cluster's `securityProfile` as the reference sets it
 * (mspnp/aks-baseline workload-team/cluster-stamp.bicep): the Defender
 * sensor reporting to the stamp's workspace, and the image cleaner. Both
 * are in the cluster's GET body, so the dashboard reads them at no extra
 * request. Whether the subscription's Defender for Containers plan
 * (Microsoft.Security/pricings) is on is not read: the profile is what
 * deploys the sensor into this cluster.
 */

/** AKS accepts an image cleaner interval from 24 hours to 90 days. */
export const IMAGE_CLEANER_INTERVAL_HOURS = { min: 24, max: 2160 } as const;

function defender(cluster: ArmManagedCluster): Judgement {
  const monitoring = asBoolean(
    readArm(cluster, 'securityProfile.defender.securityMonitoring.enabled'),
  );
  const workspace = asString(
    readArm(
      cluster,
      'securityProfile.defender.logAnalyticsWorkspaceResourceId',
    ),
  );
  const found = `securityMonitoring.enabled=${show(
    monitoring,
  )}, logAnalyticsWorkspaceResourceId=${show(workspace)}`;
  const findings: Finding[] = [];
  if (monitoring !== true)
    findings.push({
      status: 'fail',
      reason:
        'Defender for Containers is off: no runtime threat detection on the nodes (crypto-mining, reverse shells, privileged container starts) and no security alerts for this cluster; set securityProfile.defender.securityMonitoring.enabled true',
    });
  else if (!workspace)
    findings.push({
      status: 'fail',
      reason:
        "Defender's sensor has no Log Analytics workspace to report to; set securityProfile.defender.logAnalyticsWorkspaceResourceId to the stamp's workspace",
    });
  return judge(
    found,
    findings,
    "Defender for Containers' sensor runs and reports to the workspace",
  );
}

function imageCleaner(cluster: ArmManagedCluster): Judgement {
  const enabled = asBoolean(
    readArm(cluster, 'securityProfile.imageCleaner.enabled'),
  );
  const interval = readArm(
    cluster,
    'securityProfile.imageCleaner.intervalHours',
  );
  const found = `enabled=${show(enabled)}, intervalHours=${show(interval)}`;
  const findings: Finding[] = [];
  const { min, max } = IMAGE_CLEANER_INTERVAL_HOURS;
  if (enabled !== true)
    findings.push({
      status: 'fail',
      reason:
        'the image cleaner is off: unused images, vulnerable ones included, stay on the nodes until the node image is replaced; set securityProfile.imageCleaner.enabled true',
    });
  else if (
    typeof interval !== 'number' ||
    !Number.isInteger(interval) ||
    interval < min ||
    interval > max
  )
    findings.push({
      status: 'fail',
      reason: `image cleaner interval ${show(
        interval,
      )}: AKS runs it every ${min} to ${max} whole hours (the reference: 120)`,
    });
  return judge(
    found,
    findings,
    `unused images removed every ${show(interval)} hours`,
  );
}

export const securityProfileEvaluators: ControlEvaluators = {
  'DEF-01': onCluster(defender),
  'DEF-02': onCluster(imageCleaner),
};
