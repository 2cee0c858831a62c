/*
 * NetworkPolicy and workload sentences name pods one by one
 * ("a0008/traefik-ingress-ilb-vx9nwg5v78-f945f, a0008/traefik-ingress-ilb-
 * vx9nwg5v78-ptjls"), which makes a table row twenty lines tall. People
 * think in workloads: these helpers name the workload a pod belongs to and
 * say how many of its pods a sentence lists, keeping the full text for a
 * "details" toggle.
 */

/**
 * Kubernetes' generated name suffixes use this alphabet (no vowels, no 0,
 * 1 or 3, so they never spell words): k8s.io/apimachinery/pkg/util/rand.
 */
const SUFFIX = '[bcdfghjklmnpqrstvwxz2456789]';

/**
 * A Deployment's pod (`{deployment}-{pod-template-hash}-{5}`), a DaemonSet's
 * or a bare ReplicaSet's pod (`{owner}-{5}`): the owner name (the shortest
 * that leaves a generated suffix), optionally behind `namespace/`. Requires a hash with a digit or of full length, so a
 * plain name like `allow-ingress` is not mistaken for one.
 */
const POD_NAME = new RegExp(
  `\\b((?:[a-z0-9][-a-z0-9]*/)?[a-z0-9](?:[-a-z0-9]*?[a-z0-9])?)-(${SUFFIX}{6,10}-${SUFFIX}{5}|${SUFFIX}{5})\\b`,
  'g',
);

/** Whether a generated suffix looks generated (a digit, or a template hash). */
function isGenerated(suffix: string): boolean {
  return suffix.includes('-') || /[0-9]/.test(suffix);
}

/** The workload a pod name belongs to (`ns/deploy` for `ns/deploy-7c9f8d6b4-x2x9k`), or the name itself. */
export function workloadOf(podName: string): string {
  POD_NAME.lastIndex = 0;
  const match = POD_NAME.exec(podName);
  return match &&
    match.index === 0 &&
    match[0] === podName &&
    isGenerated(match[2])
    ? match[1]
    : podName;
}

/**
 * The sentence with every generated pod name replaced by its workload
 * (`pods of ns/deploy`), and runs of the same workload in a list collapsed
 * to one with a count (`pods of ns/deploy (2)`).
 */
export function summarizeWorkloads(text: string): string {
  // Workload names between markers (a private-use character no sentence holds).
  const named = text.replace(POD_NAME, (whole, owner: string, suffix: string) =>
    isGenerated(suffix) ? `\uE000${owner}\uE000` : whole,
  );
  // "Pod a/x, Pod a/x" and "a/x, a/x": one entry with a count.
  const collapsed = named.replace(
    /((?:Pod )?)\uE000([^\uE000]+)\uE000(?:, \1\uE000\2\uE000)+/g,
    (run, _kind: string, owner: string) =>
      `pods of ${owner} (${run.split(', ').length})`,
  );
  return collapsed.replace(/(?:Pod )?\uE000([^\uE000]+)\uE000/g, 'pods of $1');
}
