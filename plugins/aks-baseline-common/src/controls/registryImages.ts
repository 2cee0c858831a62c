import { asString, isRecord, readArm, readArmList } from '../arm/read';
import type { ArmContainerRegistry } from '../arm/types';
import type { AzureCloudName } from '../egress/types';
import {
  ControlEvaluators,
  Finding,
  Judgement,
  judge,
  notApplicable,
  notObserved,
} from './judgement';
import {
  ImageReference,
  parseImageReference,
  unpinnedBecause,
} from './imageReference';
import type { BaselineResources, KubernetesObject } from './types';

/*
 * ACR-02: every image the cluster's workloads run comes from the stamp's
 * registry, pinned. An image from anywhere else is pulled over the internet
 * through the firewall (or not at all), and is not the image the platform
 * team imported and scanned; `:latest` or no tag changes under a running
 * Deployment.
 */

/**
 * Namespaces whose pods AKS itself deploys and updates: kube-system (CoreDNS,
 * konnectivity, the CSI drivers, the Key Vault provider, workload identity's
 * webhook, Defender and monitoring agents), gatekeeper-system (the Azure
 * Policy add-on), flux-system (the microsoft.flux cluster extension),
 * calico-system and tigera-operator (network policy Calico, installed by
 * AKS). Their images come from Microsoft's registry and are not the stamp's
 * to import, so they are exempt, but only while they do come from there: any
 * other image in these namespaces is judged like a workload's.
 */
export const AKS_MANAGED_NAMESPACES: readonly string[] = [
  'kube-system',
  'gatekeeper-system',
  'flux-system',
  'calico-system',
  'tigera-operator',
];

/** Microsoft Container Registry, where AKS's own images come from in every cloud. */
export const MICROSOFT_CONTAINER_REGISTRY = 'mcr.microsoft.com';

const ACR_SUFFIX: Record<AzureCloudName, string> = {
  AzurePublicCloud: 'azurecr.io',
  AzureUSGovernment: 'azurecr.us',
  AzureChinaCloud: 'azurecr.cn',
};

/**
 * A registry's login server: as ARM reports it, else (a template declares
 * none) `<name>.<the cloud's suffix>`. Undefined when the name is computed.
 * @public
 */
export function registryLoginServer(
  registry: ArmContainerRegistry,
  cloud: AzureCloudName = 'AzurePublicCloud',
): string | undefined {
  const reported = asString(readArm(registry, 'loginServer'));
  if (reported) return reported.toLowerCase();
  const name = asString(registry.name);
  return name && /^[a-z0-9]+$/i.test(name)
    ? `${name.toLowerCase()}.${ACR_SUFFIX[cloud]}`
    : undefined;
}

/** One container of a workload, as read. */
interface WorkloadContainer {
  /** `namespace/Kind name`. */
  workload: string;
  namespace: string;
  image?: string;
}

/** Where a kind keeps its pod spec. */
const POD_SPEC_PATH: Record<string, string | undefined> = {
  Pod: 'spec',
  Deployment: 'spec.template.spec',
  DaemonSet: 'spec.template.spec',
  StatefulSet: 'spec.template.spec',
  ReplicaSet: 'spec.template.spec',
  Job: 'spec.template.spec',
  CronJob: 'spec.jobTemplate.spec.template.spec',
};

const CONTAINER_LISTS = [
  'containers',
  'initContainers',
  'ephemeralContainers',
] as const;

function workloadContainers(object: KubernetesObject): WorkloadContainer[] {
  const path = POD_SPEC_PATH[object.kind ?? ''];
  if (!path) return [];
  const podSpec = path
    .split('.')
    .reduce<unknown>(
      (value, key) => (isRecord(value) ? value[key] : undefined),
      object,
    );
  const namespace = object.metadata?.namespace ?? 'default';
  const workload = `${namespace}/${object.kind} ${object.metadata?.name}`;
  return CONTAINER_LISTS.flatMap(list =>
    readArmList(podSpec, list).map(container => ({
      workload,
      namespace,
      image: isRecord(container) ? asString(container.image) : undefined,
    })),
  );
}

interface Offence {
  image: string;
  why: string;
  workloads: Set<string>;
}

const SHOWN = 10;

function describeOffences(offences: Offence[]): string {
  const shown = offences
    .slice(0, SHOWN)
    .map(o => `${o.image} (${[...o.workloads].join(', ')})`);
  const more = offences.length - shown.length;
  return `${shown.join('; ')}${more > 0 ? `; and ${more} more` : ''}`;
}

function isAksManaged(container: WorkloadContainer, ref: ImageReference) {
  return (
    AKS_MANAGED_NAMESPACES.includes(container.namespace) &&
    ref.registry === MICROSOFT_CONTAINER_REGISTRY
  );
}

/** Each offending image once, with every workload running it. */
function findOffences(
  containers: WorkloadContainer[],
  allowed: string[] | undefined,
): Offence[] {
  const byImage = new Map<string, Offence>();
  for (const container of containers) {
    const ref = parseImageReference(container.image!);
    if (!ref || isAksManaged(container, ref)) continue;
    const why = [
      allowed && !allowed.includes(ref.registry)
        ? `from ${ref.registry}`
        : undefined,
      unpinnedBecause(ref),
    ]
      .filter(Boolean)
      .join(', ');
    if (!why) continue;
    const offence = byImage.get(container.image!) ?? {
      image: container.image!,
      why,
      workloads: new Set<string>(),
    };
    offence.workloads.add(container.workload);
    byImage.set(container.image!, offence);
  }
  return [...byImage.values()];
}

function imagesFromStampRegistry(input: BaselineResources): Judgement {
  const objects = input.kubernetes?.objects;
  if (!objects)
    return notObserved(
      input.kubernetes?.unavailableReason ??
        'Kubernetes objects not read, so the images the workloads run are not known',
    );
  const containers = objects.flatMap(workloadContainers);
  if (containers.length === 0)
    return notApplicable(
      'no workload (pod or pod template) in the objects read',
    );
  const cloud = input.context?.egress?.cloud;
  const registries = input.containerRegistries;
  const allowed = registries
    ?.map(r => registryLoginServer(r, cloud))
    .filter((server): server is string => !!server);
  const withImage = containers.filter(c => c.image);
  const found = findOffences(withImage, allowed);
  const expected = allowed?.length
    ? allowed.join(' or ')
    : "the stamp's registry";
  const findings: Finding[] = found.map(o => ({
    status: 'fail',
    reason: `${o.image} (${o.why}) in ${[...o.workloads].join(', ')}`,
  }));
  if (findings.length)
    findings.push({
      status: 'fail',
      reason: `expected every image from ${expected}, pinned by tag or digest: import them (az acr import) and point the workloads at the registry`,
    });
  if (registries?.length === 0)
    findings.push({
      status: 'fail',
      reason:
        "no registry is associated with the cluster (ACR-01), so no image comes from the stamp's registry",
    });
  if (!registries)
    findings.push({
      status: 'not-observed',
      reason:
        "the stamp's registry was not read, so which registry images must come from is not known (only pinning was judged)",
    });
  const imageless = containers.length - withImage.length;
  if (imageless)
    findings.push({
      status: 'not-observed',
      reason: `${imageless} container(s) were read without their image`,
    });
  const images = new Set(withImage.map(c => c.image));
  const summary = `${images.size} image(s) in ${
    new Set(containers.map(c => c.workload)).size
  } workload(s) and pods, AKS-managed namespaces' Microsoft images exempt`;
  return judge(
    found.length
      ? `${summary}; not from ${expected} or not pinned: ${describeOffences(
          found,
        )}`
      : summary,
    findings,
    `every image from ${expected}, pinned by tag or digest`,
  );
}

export const registryImagesEvaluators: ControlEvaluators = {
  'ACR-02': imagesFromStampRegistry,
};
