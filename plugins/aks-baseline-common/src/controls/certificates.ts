import { asString, readArm, readArmList } from '../arm/read';
import { coveringName } from '../certificates/hostNames';
import { describeExpiry, expiryOn } from '../certificates/expiry';
import { CERTIFICATE_PURPOSE_LABEL } from '../certificates/labels';
import {
  expiredCertificateEffect,
  renewalAdvice,
} from '../certificates/renewal';
import type { CertificateInfo, CertificatePurpose } from '../fleet';
import {
  ControlEvaluators,
  Finding,
  Judgement,
  combine,
  fail,
  judge,
  notApplicable,
  notObserved,
  pass,
  warn,
} from './judgement';
import type {
  BackendTrustObservation,
  BaselineResources,
  CertificateObservations,
} from './types';

/*
 * The certificate controls (CERT-01..05): what the chain's three
 * certificates must be for a packet to get through. An expired Traefik
 * certificate, or one its trust root does not anchor, is a 502 at App
 * Gateway however green the rest of the chain is.
 */

/** `gateway-external-pfx-cert (vault kv-aks)`: the certificate and its secret. */
function certificateLabel(certificate: CertificateInfo): string {
  const where = certificate.vaultName
    ? ` in vault ${certificate.vaultName}`
    : '';
  const host = certificate.host ? ` for ${certificate.host}` : '';
  return `${certificate.name}${where}${host}`;
}

/** One certificate's validity on `observations.at`, against the thresholds. */
function validity(
  certificate: CertificateInfo,
  observations: CertificateObservations,
): Judgement {
  const label = certificateLabel(certificate);
  if (!certificate.notAfter) {
    return notObserved(
      `no expiry the portal can read for ${label}: ${
        certificate.error ?? certificate.statusText
      }`,
    );
  }
  const { warningDays, criticalDays } = observations.thresholds;
  const expiry = expiryOn(
    new Date(certificate.notAfter),
    new Date(observations.at),
    observations.thresholds,
  );
  const found = `${label}: not after ${expiry.notAfter} (${describeExpiry(
    expiry.daysLeft,
  )})`;
  const renew = renewalAdvice(certificate);
  switch (expiry.status) {
    case 'expired':
      return fail(
        found,
        `${certificate.name} ${describeExpiry(
          expiry.daysLeft,
        )}: ${expiredCertificateEffect(certificate.purpose)}; ${renew}`,
      );
    case 'critical':
      return fail(
        found,
        `${certificate.name} ${describeExpiry(
          expiry.daysLeft,
        )}, at or below the critical threshold of ${criticalDays} days; ${renew}`,
      );
    case 'warning':
      return warn(
        found,
        `${certificate.name} ${describeExpiry(
          expiry.daysLeft,
        )}, at or below the warning threshold of ${warningDays} days; ${renew}`,
      );
    default:
      return pass(found, `valid for more than ${warningDays} days`);
  }
}

/** CERT-01..03: every certificate of one purpose valid. */
function validityOf(purpose: CertificatePurpose) {
  return (input: BaselineResources): Judgement =>
    judgeValidity(
      purpose,
      input.certificates,
      (input.applicationGateways ?? []).length > 0,
    );
}

function judgeValidity(
  purpose: CertificatePurpose,
  observations: CertificateObservations | undefined,
  gatewaysKnown: boolean,
): Judgement {
  if (!observations) {
    return notObserved(
      `the ${CERTIFICATE_PURPOSE_LABEL[purpose]} was not read (a template's certificates exist only once deployed)`,
    );
  }
  const certificates = observations.certificates.filter(
    c => c.purpose === purpose,
  );
  if (certificates.length === 0) return noCertificate(purpose, gatewaysKnown);
  return combine(
    certificates.map(c => ({
      label: certificateLabel(c),
      judgement: validity(c, observations),
    })),
  );
}

/** The validity controls and the certificate purpose each judges. @public */
export const CERTIFICATE_VALIDITY_CONTROLS: Readonly<
  Record<string, CertificatePurpose>
> = {
  'CERT-01': 'edge',
  'CERT-02': 'backend-trust-root',
  'CERT-03': 'ingress',
};

/**
 * CERT-01..03 judged on certificates alone: for certificates kept from an
 * earlier refresh (a list failed), counted down to `observations.at`, so the
 * controls say what the certificate list says.
 * @public
 */
export function judgeCertificateValidity(
  id: string,
  observations: CertificateObservations,
  gatewaysKnown: boolean,
): Judgement | undefined {
  const purpose = CERTIFICATE_VALIDITY_CONTROLS[id];
  return purpose
    ? judgeValidity(purpose, observations, gatewaysKnown)
    : undefined;
}

function noCertificate(
  purpose: CertificatePurpose,
  gatewaysKnown: boolean,
): Judgement {
  if (purpose === 'ingress') {
    return notObserved(
      "Traefik's certificate is not known: no cluster tag or SecretProviderClass names it",
    );
  }
  if (!gatewaysKnown) {
    return notObserved('no Application Gateway in front of the cluster');
  }
  return notApplicable(
    purpose === 'edge'
      ? 'no HTTPS listener has a certificate (TLS-02 judges the listeners)'
      : 'no backend settings trust a root certificate (TLS-03 judges re-encryption)',
  );
}

/** CERT-04 on one backend host name. */
function anchoring(trust: BackendTrustObservation): Judgement {
  const roots = trust.trustRoots.length
    ? trust.trustRoots.join(', ')
    : '(none)';
  const served = trust.served;
  if (!served) {
    return notObserved(
      `the certificate Traefik serves for ${trust.backendHost} was not read: ${
        trust.notObservedReason ?? 'no observation'
      }`,
    );
  }
  const found = `Traefik serves ${served.subject} (${served.names.join(
    ', ',
  )}) for ${trust.backendHost}, read by ${
    served.source
  }; trusted roots: ${roots}`;
  const findings: Finding[] = [];
  if (served.anchoredBy.length === 0) {
    findings.push({
      status: 'fail',
      reason: `no trusted root of the backend settings (${roots}) anchors the certificate Traefik serves: App Gateway marks the backend unhealthy (502); upload the issuing root to App Gateway's trusted roots, or serve a certificate it issued`,
    });
  }
  if (!coveringName(served.names, trust.backendHost)) {
    findings.push({
      status: 'fail',
      reason: `no name on Traefik's certificate covers the backend host name ${trust.backendHost}: App Gateway refuses the handshake (502); issue the certificate for it, or set the backend settings' hostName to a name it covers`,
    });
  }
  return judge(
    found,
    findings,
    `anchored by ${served.anchoredBy.join(', ')}, and ${coveringName(
      served.names,
      trust.backendHost,
    )} covers ${trust.backendHost}`,
  );
}

function trustAnchorsIngress(input: BaselineResources): Judgement {
  const trust = input.certificates?.backendTrust;
  if (!trust) {
    return notObserved(
      "the certificate Traefik serves was not read (turn on aksBaseline.tlsProbe where the portal can reach Traefik's internal address)",
    );
  }
  if (trust.length === 0) {
    return notApplicable('no backend settings re-encrypt to Traefik');
  }
  return combine(
    trust.map(t => ({ label: t.backendHost, judgement: anchoring(t) })),
  );
}

/** CERT-05: trust roots and the ingress certificate from Key Vault, expiries readable. */
function fromKeyVaultWithExpiry(input: BaselineResources): Judgement {
  if (!input.certificates && !(input.applicationGateways ?? []).length) {
    return notObserved('no Application Gateway or certificates in the input');
  }
  const findings: Finding[] = [];
  const found: string[] = [];
  for (const gateway of input.applicationGateways ?? []) {
    for (const root of readArmList(gateway, 'trustedRootCertificates')) {
      const name = asString(readArm(root, 'name')) ?? '(unnamed)';
      const secretId = asString(readArm(root, 'keyVaultSecretId'));
      found.push(`trust root ${name}: ${secretId ? 'Key Vault' : 'uploaded'}`);
      if (!secretId) {
        findings.push({
          status: 'fail',
          reason: `trust root ${name} is uploaded to App Gateway, not referenced from Key Vault: it cannot rotate with Traefik's certificate; store it in Key Vault and reference its secret id`,
        });
      }
    }
  }
  const observations = input.certificates;
  if (!observations) {
    findings.push({
      status: 'not-observed',
      reason:
        'certificate expiries were not read (a template has none until deployed)',
    });
  } else {
    for (const certificate of observations.certificates) {
      if (certificate.purpose === 'ingress' && !certificate.keyVaultSecretId) {
        findings.push({
          status: 'not-observed',
          reason: `Traefik's certificate is not known to come from Key Vault: ${certificate.statusText}`,
        });
        continue;
      }
      if (!certificate.keyVaultSecretId) continue; // uploaded: TLS-02 / above
      found.push(
        `${CERTIFICATE_PURPOSE_LABEL[certificate.purpose]} ${certificateLabel(
          certificate,
        )}: ${certificate.notAfter ? 'expiry read' : 'no expiry'}`,
      );
      if (!certificate.notAfter) {
        findings.push({
          status: 'not-observed',
          reason: `${certificateLabel(certificate)}: ${
            certificate.error ?? certificate.statusText
          }${
            /no expiry set/.test(certificate.statusText)
              ? " (import the certificate as a Key Vault certificate, or set the secret's expiry, so its countdown can be read)"
              : ''
          }`,
        });
      }
    }
  }
  return judge(
    found.length ? found.join('; ') : '(no chain certificates)',
    findings,
    'every trust root and the ingress certificate come from Key Vault, with a readable expiry',
  );
}

/** @internal */
export const certificateEvaluators: ControlEvaluators = {
  ...Object.fromEntries(
    Object.entries(CERTIFICATE_VALIDITY_CONTROLS).map(([id, purpose]) => [
      id,
      validityOf(purpose),
    ]),
  ),
  'CERT-04': trustAnchorsIngress,
  'CERT-05': fromKeyVaultWithExpiry,
};
