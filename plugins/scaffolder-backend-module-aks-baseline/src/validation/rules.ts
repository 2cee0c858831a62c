/**
 * The naming and syntax rules the onboarding input must follow, as patterns
 * (shared with the action's JSON schema, so the form checks the same thing
 * the action does) and as predicates for what a pattern cannot say.
 *
 * Every pattern is ASCII-only and anchored: look-alike letters (Cyrillic
 * 'а'), quotes, braces, spaces and line breaks never match, which is what
 * keeps user input from turning into YAML structure or a Traefik rule.
 */

/*
 * Name patterns the stamp contract shares (host names, labels, Key Vault,
 * GUIDs, CIDRs) live in the common package, so the contract's parser and
 * these rules read the same ones.
 */
import { IPV4_CIDR_PATTERN } from '@aks-baseline/plugin-aks-baseline-common';

export {
  GUID_PATTERN,
  HOST_NAME_MAX_LENGTH,
  HOST_NAME_PATTERN,
  KEY_VAULT_NAME_PATTERN,
  LABEL_KEY_PATTERN,
  LABEL_VALUE_PATTERN,
  RFC1123_LABEL_MAX_LENGTH,
  RFC1123_LABEL_PATTERN,
  RFC1123_SUBDOMAIN_MAX_LENGTH,
  RFC1123_SUBDOMAIN_PATTERN,
} from '@aks-baseline/plugin-aks-baseline-common';
export { IPV4_CIDR_PATTERN };

/**
 * RFC 1035 label (Kubernetes' DNS-1035 label: Service names): an RFC 1123
 * label that starts with a letter. At most 63 characters.
 */
export const DNS1035_LABEL_PATTERN = '^[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$';

/** Key Vault object (certificate, secret) names: 1-127 letters, digits, hyphens. */
export const KEY_VAULT_OBJECT_NAME_PATTERN = '^[0-9a-zA-Z-]{1,127}$';

/**
 * A named port (IANA_SVC_NAME, as Kubernetes validates container port
 * names): 1-15 lowercase letters, digits and single inner hyphens, with at
 * least one letter.
 */
const IANA_SVC_NAME = '(?=.{1,15}$)(?=[-a-z0-9]*[a-z])[a-z0-9]+(?:-[a-z0-9]+)*';
export const IANA_SVC_NAME_PATTERN = `^${IANA_SVC_NAME}$`;

/** 1-65535 in decimal, no leading zero. */
const PORT_NUMBER =
  '(?:[1-9][0-9]{0,3}|[1-5][0-9]{4}|6[0-4][0-9]{3}|65[0-4][0-9]{2}|655[0-2][0-9]|6553[0-5])';

/** A numeric port given as text (the form may deliver numbers as strings). */
export const PORT_NUMBER_TEXT_PATTERN = `^${PORT_NUMBER}$`;

/** An HTTP path for the health probe: unreserved characters and slashes. */
export const HTTP_PATH_PATTERN = '^/[A-Za-z0-9._~/-]{0,255}$';

/**
 * Longest name (one path segment) file systems take: 255 bytes. The
 * patterns are ASCII, so characters are bytes.
 */
export const FILE_NAME_MAX_LENGTH = 255;

const FOLDER_NAME = `[A-Za-z0-9_][A-Za-z0-9._-]{0,${FILE_NAME_MAX_LENGTH - 1}}`;

/** A relative directory inside the workspace: names of at most 255. */
export const WORKSPACE_DIR_PATTERN = `^(?:\\./)?${FOLDER_NAME}(?:/${FOLDER_NAME})*/?$`;

/**
 * Whole folder paths stay well under PATH_MAX (4096 bytes on Linux), which
 * must also hold the workspace's own path and the generated file names.
 */
export const WORKSPACE_DIR_MAX_LENGTH = 1024;

/** Priority of an App Gateway request routing rule. */
export const ROUTING_RULE_PRIORITY_MIN = 1;
export const ROUTING_RULE_PRIORITY_MAX = 20000;

export const PORT_MIN = 1;
export const PORT_MAX = 65535;

const compiled = new Map<string, RegExp>();

/** One of the patterns above as a RegExp, compiled once. */
export function compiledPattern(pattern: string): RegExp {
  let regex = compiled.get(pattern);
  if (!regex) {
    regex = new RegExp(pattern);
    compiled.set(pattern, regex);
  }
  return regex;
}

/** Tests a value against one of the patterns above. */
export function matches(pattern: string, value: string): boolean {
  return compiledPattern(pattern).test(value);
}

/** True when `host` is a name strictly below `domain` (not the domain itself). */
export function isInsideDomain(host: string, domain: string): boolean {
  return host.endsWith(`.${domain}`);
}

/** Parses an IPv4 CIDR; undefined when it does not match the pattern. */
export function parseIpv4Cidr(
  value: string,
): { address: number; prefix: number } | undefined {
  if (!matches(IPV4_CIDR_PATTERN, value)) return undefined;
  const [ip, prefix] = value.split('/');
  const address = ip
    .split('.')
    .reduce((acc, octet) => acc * 256 + Number(octet), 0);
  return { address, prefix: Number(prefix) };
}

/**
 * True when the CIDR names a network, i.e. no bits are set after the prefix
 * (`10.0.0.5/24` is almost always a typo for `10.0.0.0/24`).
 */
export function hasNoHostBits(cidr: { address: number; prefix: number }) {
  const hostSize = 2 ** (32 - cidr.prefix);
  return cidr.address % hostSize === 0;
}

/** Namespaces an app must never be onboarded into. */
export function isReservedNamespace(name: string): boolean {
  return name === 'default' || name.startsWith('kube-');
}

/** A target port given as text: a port number or a named port. */
export const TARGET_PORT_TEXT_PATTERN = `^(?:${PORT_NUMBER}|${IANA_SVC_NAME})$`;
