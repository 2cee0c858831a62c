import {
  CERTIFICATE_VALIDITY_CONTROLS,
  type CertificateInfo,
  type ClusterSnapshot,
  type ControlResult,
} from '@aks-baseline/plugin-aks-baseline-common';

/** The certificate levels that may send a notice (the days come from config). */
export type CertificateLevel = 'warning' | 'critical' | 'expired';

/** What one cluster's snapshot owes its owners, before anything is sent. */
export type PlannedNotice =
  | {
      kind: 'certificate';
      subject: string;
      /** The certificate's notAfter: a renewed certificate is a new instance. */
      instance: string;
      level: CertificateLevel;
      certificate: CertificateInfo;
      /** The hosts this certificate serves: whose apps' owners are told. */
      hosts: string[];
    }
  | {
      kind: 'control';
      subject: string;
      instance: '';
      level: 'failing';
      control: ControlResult;
    };

/** Notices to forget for a subject, but for `keepInstance`: told anew next time. */
export interface PlannedReset {
  subject: string;
  keepInstance?: string;
}

export interface NoticePlan {
  notices: PlannedNotice[];
  resets: PlannedReset[];
}

export interface PlanOptions {
  certificateLevels: readonly CertificateLevel[];
  /** Whether failing controls are told at all (`clusterNoticesTo: none`). */
  controls: boolean;
  /**
   * False when this refresh kept the certificates from an earlier one (a
   * failed listing): they were not seen, so nothing about them is forgotten.
   */
  certificatesObserved: boolean;
}

const LEVELS: readonly string[] = ['warning', 'critical', 'expired'];

/**
 * Which notices a cluster's current snapshot calls for, and which earlier
 * ones it makes obsolete. Pure: the ledger of sent notices decides what is
 * actually new, so previous snapshots, restarts and replicas do not matter
 * here. Only positive evidence resets: a certificate seen `ok` or with a
 * different expiry (renewed), a control seen passing; `unknown` and
 * `not-observed` keep what was sent.
 */
export function planNotices(
  snapshot: ClusterSnapshot,
  options: PlanOptions,
): NoticePlan {
  const certificates = planCertificates(snapshot, options);
  const controls = planControls(snapshot.controls, options);
  return {
    notices: [...certificates.notices, ...controls.notices],
    resets: [
      ...(options.certificatesObserved ? certificates.resets : []),
      ...controls.resets,
    ],
  };
}

/**
 * A certificate's identity across renewals: its purpose and Key Vault object
 * (or gateway certificate name), not the secret version.
 */
export function certificateSubject(certificate: CertificateInfo): string {
  const where = certificate.vaultName ? `${certificate.vaultName}/` : '';
  return `certificate:${certificate.purpose}:${where}${certificate.name}`.toLowerCase();
}

function planCertificates(
  snapshot: ClusterSnapshot,
  options: PlanOptions,
): NoticePlan {
  const notices: PlannedNotice[] = [];
  const resets: PlannedReset[] = [];
  for (const [subject, group] of groupBy(
    snapshot.certificates,
    certificateSubject,
  )) {
    const certificate = group[0];
    if (certificate.status === 'ok') {
      resets.push({ subject });
      continue;
    }
    const notAfter = new Date(certificate.notAfter ?? Number.NaN);
    // A level without a readable expiry cannot say which certificate it is.
    if (!LEVELS.includes(certificate.status) || isNaN(notAfter.getTime())) {
      continue;
    }
    const instance = notAfter.toISOString();
    resets.push({ subject, keepInstance: instance });
    const level = certificate.status as CertificateLevel;
    if (!options.certificateLevels.includes(level)) continue;
    notices.push({
      kind: 'certificate',
      subject,
      instance,
      level,
      certificate,
      hosts: servedHosts(snapshot, group),
    });
  }
  return { notices, resets };
}

/**
 * The edge certificate serves its listeners' hosts; the backend trust root
 * and Traefik's certificate sit behind every host of the cluster's chains.
 */
function servedHosts(
  snapshot: ClusterSnapshot,
  group: CertificateInfo[],
): string[] {
  const hosts =
    group[0].purpose === 'edge'
      ? group.map(c => c.host)
      : snapshot.ingress.map(chain => chain.host);
  return [
    ...new Set(hosts.filter((h): h is string => !!h).map(h => h.toLowerCase())),
  ].sort();
}

/** A control with several verdicts (one per gateway, ...) fails when any fails. */
function planControls(
  controls: ControlResult[],
  options: PlanOptions,
): NoticePlan {
  const notices: PlannedNotice[] = [];
  const resets: PlannedReset[] = [];
  for (const [id, results] of groupBy(controls, c => c.id)) {
    // CERT-01..03 say what the certificate notices say (with the days):
    // one notice per crossing, not two.
    if (id in CERTIFICATE_VALIDITY_CONTROLS) continue;
    const subject = `control:${id}`;
    const failing = results.find(r => r.status === 'fail');
    if (failing) {
      if (options.controls) {
        notices.push({
          kind: 'control',
          subject,
          instance: '',
          level: 'failing',
          control: failing,
        });
      }
    } else if (results.every(r => r.status !== 'not-observed')) {
      resets.push({ subject });
    }
  }
  return { notices, resets };
}

function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return groups;
}

/** A notice as the ledger records it, within its cluster. */
export interface SentNotice {
  subject: string;
  instance: string;
  level: string;
}

/** The sent notices a plan makes obsolete (renewed, passing again). */
export function obsoleteNotices<T extends SentNotice>(
  sent: T[],
  resets: PlannedReset[],
): T[] {
  return sent.filter(row =>
    resets.some(
      reset =>
        reset.subject === row.subject && reset.keepInstance !== row.instance,
    ),
  );
}

/** The planned notices not yet sent. */
export function unsentNotices(
  notices: PlannedNotice[],
  sent: SentNotice[],
): PlannedNotice[] {
  return notices.filter(
    n =>
      !sent.some(
        row =>
          row.subject === n.subject &&
          row.instance === n.instance &&
          row.level === n.level,
      ),
  );
}
