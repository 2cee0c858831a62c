import { ClusterModel, ModelPod } from './clusterModel';
import { CompiledSelector } from './labelSelector';

/**
 * Evaluates each distinct selector at most once per pod (or per namespace, for
 * namespace selectors); real policy sets repeat the same few selectors a lot.
 */
export class SelectorMatchCache {
  private readonly byPod = new Map<string, Int8Array>();
  private readonly byNamespace = new Map<string, Map<string, boolean>>();

  constructor(private readonly model: ClusterModel) {}

  podMatches(selector: CompiledSelector, pod: ModelPod): boolean {
    if (selector.matchesEverything) return true;
    let results = this.byPod.get(selector.key);
    if (!results) {
      // 0 = not evaluated yet, 1 = match, -1 = no match.
      results = new Int8Array(this.model.pods.length);
      this.byPod.set(selector.key, results);
    }
    if (results[pod.index] === 0) {
      results[pod.index] = selector.matches(pod.labels) ? 1 : -1;
    }
    return results[pod.index] === 1;
  }

  namespaceMatches(selector: CompiledSelector, pod: ModelPod): boolean {
    if (selector.matchesEverything) return true;
    let results = this.byNamespace.get(selector.key);
    if (!results) {
      results = new Map();
      this.byNamespace.set(selector.key, results);
    }
    let result = results.get(pod.namespace);
    if (result === undefined) {
      result = selector.matches(pod.namespaceLabels);
      results.set(pod.namespace, result);
    }
    return result;
  }
}
