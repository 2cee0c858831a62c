import { asString, readArm, readArmList } from '../arm/read';
import { ipv4CidrContains } from '../controls/ipv4';
import type { ArmResource } from '../arm/types';
import { allOf, Match } from './addressMatch';
import type { TraceStep } from './types';

/** What a WAF custom rule can see of the request. */
export interface WafRequest {
  clientAddress: string;
  host: string;
  path: string;
}

function variableValue(
  variable: unknown,
  request: WafRequest,
): string | undefined {
  const name = asString(readArm(variable, 'variableName'))?.toLowerCase();
  const selector = asString(readArm(variable, 'selector'))?.toLowerCase();
  if (name === 'remoteaddr' || name === 'socketaddr')
    return request.clientAddress;
  if (name === 'requesturi') return request.path;
  if (name === 'requestmethod') return 'GET';
  if (name === 'requestheaders' && selector === 'host') return request.host;
  return undefined;
}

function transform(value: string, transforms: string[]): string {
  return transforms.reduce((v, t) => {
    if (/^lowercase$/i.test(t)) return v.toLowerCase();
    if (/^uppercase$/i.test(t)) return v.toUpperCase();
    if (/^trim$/i.test(t)) return v.trim();
    if (/^urldecode$/i.test(t)) return decodeURIComponent(v);
    return v;
  }, value);
}

/** One operator against one value, per the custom rule reference; undefined: not modelled. */
function operatorMatches(
  operator: string,
  value: string,
  matchValues: string[],
): boolean | undefined {
  switch (operator.toLowerCase()) {
    case 'any':
      return true;
    case 'ipmatch':
      return matchValues.some(v =>
        ipv4CidrContains(v.includes('/') ? v : `${v}/32`, value),
      );
    case 'equal':
      return matchValues.includes(value);
    case 'contains':
      return matchValues.some(v => value.includes(v));
    case 'beginswith':
      return matchValues.some(v => value.startsWith(v));
    case 'endswith':
      return matchValues.some(v => value.endsWith(v));
    case 'regex':
      return matchValues.some(v => new RegExp(v).test(value));
    default:
      // GeoMatch needs the address's country; size comparisons need the body.
      return undefined;
  }
}

function conditionMatches(condition: unknown, request: WafRequest): Match {
  const operator = asString(readArm(condition, 'operator')) ?? '';
  // ARM spells the field `negationConditon`; templates sometimes fix the typo.
  const negated = !!(
    readArm(condition, 'negationConditon') ??
    readArm(condition, 'negationCondition')
  );
  const matchValues = readArmList(condition, 'matchValues').map(String);
  const transforms = readArmList(condition, 'transforms').map(String);
  const answers = readArmList(condition, 'matchVariables').map(
    (variable): Match => {
      const raw = variableValue(variable, request);
      if (raw === undefined) return 'maybe';
      const hit = operatorMatches(
        operator,
        transform(raw, transforms),
        matchValues,
      );
      if (hit === undefined) return 'maybe';
      return hit !== negated ? 'yes' : 'no';
    },
  );
  // Any of the variables may match; the negation applies to each.
  if (answers.includes('yes')) return 'yes';
  return answers.includes('maybe') ? 'maybe' : 'no';
}

interface CustomRule {
  name: string;
  priority: number;
  action: string;
  conditions: unknown[];
  enabled: boolean;
}

function customRules(policy: ArmResource): CustomRule[] {
  return readArmList(policy, 'customRules')
    .map(r => ({
      name: asString(readArm(r, 'name')) ?? '(unnamed)',
      priority: Number(readArm(r, 'priority') ?? 100),
      action: asString(readArm(r, 'action')) ?? '',
      conditions: readArmList(r, 'matchConditions'),
      enabled: asString(readArm(r, 'state'))?.toLowerCase() !== 'disabled',
    }))
    .filter(r => r.enabled && asString(r.action))
    .sort((a, b) => a.priority - b.priority);
}

const managedSets = (policy: ArmResource) =>
  readArmList(policy, 'managedRules.managedRuleSets')
    .map(
      s =>
        `${asString(readArm(s, 'ruleSetType'))} ${asString(
          readArm(s, 'ruleSetVersion'),
        )}`,
    )
    .join(', ');

/**
 * The WAF hop: custom rules in priority order, before the managed rules; an
 * Allow ends evaluation, a Block blocks in Prevention mode and is only logged
 * in Detection mode, a Log rule logs and goes on
 * (https://learn.microsoft.com/azure/web-application-firewall/ag/custom-waf-rules-overview).
 * Managed rule sets are reported, not emulated.
 */
export function wafStep(
  policy: ArmResource | undefined,
  request: WafRequest,
): TraceStep {
  const base = { kind: 'waf' as const, title: 'WAF policy' };
  if (!policy) {
    return {
      ...base,
      outcome: 'passed',
      text: 'no WAF policy: requests are not inspected',
    };
  }
  const decidedBy = (name: string) => ({ name, resourceId: policy.id });
  const state = asString(readArm(policy, 'policySettings.state')) ?? 'Enabled';
  const mode = asString(readArm(policy, 'policySettings.mode')) ?? 'Detection';
  if (state.toLowerCase() === 'disabled') {
    return {
      ...base,
      outcome: 'passed',
      text: `${policy.name} is disabled: requests are not inspected`,
      decidedBy: decidedBy('policySettings.state Disabled'),
    };
  }
  const prevention = mode.toLowerCase() === 'prevention';
  const managed = managedSets(policy);
  const managedNote = managed
    ? `; managed rules (${managed}) are not emulated`
    : '';
  let uncertain: CustomRule | undefined;
  // An Allow rule in front that missed: widening it is the smallest change.
  let missedAllow: CustomRule | undefined;
  for (const rule of customRules(policy)) {
    const match = allOf(
      ...rule.conditions.map(c => conditionMatches(c, request)),
    );
    if (match === 'no' && rule.action.toLowerCase() === 'allow')
      missedAllow ??= rule;
    if (match === 'no' || rule.action.toLowerCase() === 'log') continue;
    const blocks = rule.action.toLowerCase() === 'block';
    if (match === 'maybe') {
      if (blocks && prevention) uncertain ??= rule;
      continue;
    }
    const named = `custom rule ${rule.name} (priority ${rule.priority})`;
    if (!blocks) {
      if (uncertain) break;
      return {
        ...base,
        outcome: 'passed',
        text: `allowed by ${named} of ${policy.name}: managed rules are skipped`,
        decidedBy: decidedBy(rule.name),
      };
    }
    if (uncertain) break;
    if (!prevention) {
      return {
        ...base,
        outcome: 'passed',
        text: `${named} of ${policy.name} matches ${request.clientAddress}, but the policy is in Detection mode: logged, not blocked${managedNote}`,
        decidedBy: decidedBy(rule.name),
      };
    }
    return {
      ...base,
      outcome: 'stopped',
      text: `blocked (403) by ${named} of ${policy.name}: client ${request.clientAddress}, host ${request.host}`,
      decidedBy: decidedBy(rule.name),
      fix: missedAllow
        ? `add ${request.clientAddress} to the match values of Allow rule ${missedAllow.name} (priority ${missedAllow.priority})`
        : `add an Allow custom rule for ${request.clientAddress} with a priority below ${rule.priority}, or exclude it from ${rule.name}`,
    };
  }
  if (uncertain) {
    const missing = `custom rule ${uncertain.name} (priority ${uncertain.priority}) matches on something the trace does not know (geography, headers, body)`;
    return {
      ...base,
      outcome: 'unknown',
      text: `unknown: ${missing}`,
      missing,
      decidedBy: decidedBy(uncertain.name),
    };
  }
  return {
    ...base,
    outcome: 'passed',
    text: `no custom rule of ${policy.name} blocks it (${mode} mode)${managedNote}`,
    decidedBy: decidedBy(`${policy.name} (${mode})`),
  };
}
