/*
 * Syntax of the names the stamp contract carries and the scaffolder's
 * actions ask for, as anchored ASCII-only patterns (strings, so a JSON
 * schema can carry them). One home: the actions' input rules and the
 * contract's parser both read them from here.
 */

const LABEL = '[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?';

/** RFC 1123 label: namespaces, app names. At most 63 characters. @public */
export const RFC1123_LABEL_PATTERN = `^${LABEL}$`;
/** @public */
export const RFC1123_LABEL_MAX_LENGTH = 63;

/** RFC 1123 subdomain (object names): labels joined by dots, at most 253. @public */
export const RFC1123_SUBDOMAIN_PATTERN = `^${LABEL}(?:\\.${LABEL})*$`;
/** @public */
export const RFC1123_SUBDOMAIN_MAX_LENGTH = 253;

/**
 * A DNS host name with at least two labels and a top-level label that starts
 * with a letter (so an IP address is not a host name). No wildcard, no
 * trailing dot, lowercase only.
 * @public
 */
export const HOST_NAME_PATTERN = `^(?:${LABEL}\\.)+[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?$`;
/** @public */
export const HOST_NAME_MAX_LENGTH = 253;

/**
 * Key Vault names: 3-24 characters, letters, digits and hyphens, starting
 * with a letter, ending with a letter or digit, no consecutive hyphens.
 * @public
 */
export const KEY_VAULT_NAME_PATTERN =
  '^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{1,22}[a-zA-Z0-9]$';

/** A GUID such as a tenant id or a client id. @public */
export const GUID_PATTERN =
  '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

const OCTET = '(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])';

/** An IPv4 address, no leading zeros. @public */
export const IPV4_ADDRESS_PATTERN = `^(?:${OCTET}\\.){3}${OCTET}$`;

/** An IPv4 CIDR block, no leading zeros. Host bits are checked separately. @public */
export const IPV4_CIDR_PATTERN = `^(?:${OCTET}\\.){3}${OCTET}/(?:3[0-2]|[12]?[0-9])$`;

/** Label values: empty or up to 63 characters, alphanumeric at both ends. @public */
export const LABEL_VALUE_PATTERN =
  '^(?:[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?$';

/**
 * Label keys: an optional DNS subdomain prefix (at most 253 characters, the
 * lookahead) and '/', then a name of up to 63.
 * @public
 */
export const LABEL_KEY_PATTERN = `^(?:(?=[^/]{1,${RFC1123_SUBDOMAIN_MAX_LENGTH}}/)${LABEL}(?:\\.${LABEL})*/)?[A-Za-z0-9](?:[-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$`;
