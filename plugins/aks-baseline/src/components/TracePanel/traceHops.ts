import {
  ChainHop,
  HopDetail,
  HopStatus,
  TraceOutcome,
  TraceStep,
} from '@aks-baseline/plugin-aks-baseline-common';

const STATUS: Record<TraceOutcome, HopStatus> = {
  passed: 'ok',
  stopped: 'error',
  unknown: 'not-observed',
};

/** The Azure portal page of a resource (public cloud's portal). */
export function azurePortalUrl(resourceId: string): string {
  return `https://portal.azure.com/#@/resource${resourceId}/overview`;
}

/** A trace step drawn as a chain hop, so a trace looks like the chain it walks. */
export function stepAsHop(step: TraceStep): ChainHop {
  const details: HopDetail[] = [
    step.decidedBy && { label: 'Decided by', value: step.decidedBy.name },
    step.decidedBy?.kubernetesObject && {
      label: 'Kubernetes object',
      value: step.decidedBy.kubernetesObject,
    },
    step.decidedBy?.resourceId && {
      label: 'Azure portal',
      value: azurePortalUrl(step.decidedBy.resourceId),
    },
    step.fix && { label: 'Smallest change', value: step.fix },
    step.missing && { label: 'Not in the snapshot', value: step.missing },
    step.afterStop && {
      label: 'After the stop',
      value: 'judged as if the earlier stop were fixed',
    },
  ].filter((d): d is HopDetail => !!d);
  return {
    kind: step.kind,
    title: step.decidedBy
      ? `${step.title} · ${step.decidedBy.name}`
      : step.title,
    status: STATUS[step.outcome],
    statusText: step.text,
    resourceId: step.decidedBy?.resourceId,
    details,
    controlIds: [],
  };
}
