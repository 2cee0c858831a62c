import { StringRule } from './fields';
import {
  GUID_PATTERN,
  HTTP_PATH_PATTERN,
  IANA_SVC_NAME_PATTERN,
  KEY_VAULT_NAME_PATTERN,
  KEY_VAULT_OBJECT_NAME_PATTERN,
  LABEL_VALUE_PATTERN,
  WORKSPACE_DIR_PATTERN,
  hasNoHostBits,
  isHostName,
  isLabelKey,
  isRfc1123Label,
  matches,
  parseIpv4Cidr,
} from './rules';

/** The rules fields are checked against, with the words errors use. */

export const rfc1123Label: StringRule = {
  description:
    "an RFC 1123 label (lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters)",
  test: isRfc1123Label,
};

export const hostName: StringRule = {
  description:
    'a DNS host name (lowercase RFC 1123 labels of at most 63 characters joined by dots, at least two labels, at most 253 characters, no wildcard)',
  test: isHostName,
};

export const keyVaultName: StringRule = {
  description:
    "a Key Vault name (3-24 letters, digits and '-', starting with a letter, ending with a letter or digit, no '--')",
  test: value => matches(KEY_VAULT_NAME_PATTERN, value),
};

export const keyVaultObjectName: StringRule = {
  description: "a Key Vault object name (1-127 letters, digits and '-')",
  test: value => matches(KEY_VAULT_OBJECT_NAME_PATTERN, value),
};

export const guid: StringRule = {
  description: 'a GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx, hexadecimal)',
  test: value => matches(GUID_PATTERN, value),
};

export const ipv4Cidr: StringRule = {
  description:
    'an IPv4 CIDR naming a network (a.b.c.d/n with no bits set after the prefix, e.g. 10.240.4.0/24)',
  test: value => {
    const cidr = parseIpv4Cidr(value);
    return cidr !== undefined && hasNoHostBits(cidr);
  },
};

export const ianaServiceName: StringRule = {
  description:
    "a port number from 1 to 65535 or a named port (IANA_SVC_NAME: 1-15 lowercase letters, digits and single inner '-', with at least one letter)",
  test: value => matches(IANA_SVC_NAME_PATTERN, value),
};

export const labelKey: StringRule = {
  description:
    "a label key (optional DNS subdomain prefix and '/', then 1-63 letters, digits, '-', '_' or '.', alphanumeric at both ends)",
  test: isLabelKey,
};

export const labelValue: StringRule = {
  description:
    "a label value (at most 63 letters, digits, '-', '_' or '.', alphanumeric at both ends)",
  test: value => matches(LABEL_VALUE_PATTERN, value),
};

export const httpPath: StringRule = {
  description:
    "an HTTP path starting with '/' (letters, digits, '.', '_', '~', '-' and '/', at most 256 characters)",
  test: value => matches(HTTP_PATH_PATTERN, value),
};

export const workspaceDir: StringRule = {
  description:
    "a relative folder inside the workspace (letters, digits, '.', '_' and '-' separated by '/', no '..')",
  test: value =>
    matches(WORKSPACE_DIR_PATTERN, value) &&
    !value.split('/').some(segment => segment === '..'),
};
