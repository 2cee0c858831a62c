import { asString, readArm, readArmList } from '../arm/read';
import type { ArmResource } from '../arm/types';
import type { CertificateInfo } from '../fleet';
import type { TraceStep } from './types';

/** The backend settings as the trace needs them. */
export interface BackendSettings {
  name: string;
  protocol: 'http' | 'https';
  port: number;
  hostName?: string;
  trustedRoots: string[];
}

export function readBackendSettings(settings: unknown): BackendSettings {
  return {
    name: asString(readArm(settings, 'name')) ?? '(unnamed)',
    protocol:
      asString(readArm(settings, 'protocol'))?.toLowerCase() === 'https'
        ? 'https'
        : 'http',
    port: Number(readArm(settings, 'port') ?? 80),
    hostName: asString(readArm(settings, 'hostName')),
    trustedRoots: readArmList(settings, 'trustedRootCertificates')
      .map(r => asString(readArm(r, 'id'))?.split('/').pop())
      .filter((n): n is string => !!n),
  };
}

const unusable = (c: CertificateInfo | undefined) => c?.status === 'expired';

/**
 * The backend-settings hop: App Gateway opens HTTP or HTTPS to the pool on
 * the settings' port; for HTTPS it validates the certificate Traefik serves
 * against the trusted root, and an expired one fails the handshake (502)
 * (https://learn.microsoft.com/azure/application-gateway/ssl-overview#end-to-end-tls-with-the-v2-sku).
 */
export function backendSettingsStep(options: {
  gateway: ArmResource;
  settings: BackendSettings;
  certificates: CertificateInfo[];
  /** Ports Traefik's Service listens on; undefined when the cluster was not read. */
  traefikPorts?: number[];
}): TraceStep {
  const { gateway, settings, certificates, traefikPorts } = options;
  const base = {
    kind: 'backend-settings' as const,
    title: 'Backend settings',
    decidedBy: { name: settings.name, resourceId: gateway.id },
  };
  const described = `${settings.protocol.toUpperCase()} to port ${
    settings.port
  }`;
  if (traefikPorts && !traefikPorts.includes(settings.port)) {
    const https = traefikPorts.includes(443);
    return {
      ...base,
      outcome: 'stopped',
      text: `${settings.name} sends ${described}, but Traefik listens on ${
        traefikPorts.join(', ') || 'no port'
      }: App Gateway answers 502`,
      fix: https
        ? `set ${settings.name} to HTTPS on port 443 with Traefik's trusted root certificate`
        : `set ${settings.name}'s port to one Traefik listens on`,
    };
  }
  if (settings.protocol === 'https') {
    const served = certificates.find(c => c.purpose === 'ingress');
    const root = certificates.find(c => c.purpose === 'backend-trust-root');
    if (unusable(served)) {
      return {
        ...base,
        outcome: 'stopped',
        text: `Traefik serves ${served!.name}, which ${
          served!.statusText
        }: App Gateway refuses the handshake (502)`,
        decidedBy: { name: served!.name, resourceId: gateway.id },
        fix: `renew ${
          served!.name
        } in Key Vault; the CSI driver rotates it into Traefik`,
      };
    }
    if (unusable(root)) {
      return {
        ...base,
        outcome: 'stopped',
        text: `trusted root ${root!.name} ${
          root!.statusText
        }: App Gateway cannot validate Traefik's certificate (502)`,
        decidedBy: { name: root!.name, resourceId: gateway.id },
        fix: `renew ${root!.name} and update ${settings.name}'s trusted root`,
      };
    }
  }
  const note =
    settings.protocol === 'http'
      ? ' (plain HTTP inside the VNet: the baseline re-encrypts)'
      : `${settings.hostName ? `, host ${settings.hostName}` : ''}${
          settings.trustedRoots.length
            ? `, trusting ${settings.trustedRoots.join(', ')}`
            : ''
        }`;
  return {
    ...base,
    outcome: 'passed',
    text: `${settings.name}: ${described}${note}`,
  };
}
