import { parseAllDocuments } from 'yaml';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requiredRbacRules } from './resources';
import { DEFAULT_TRAEFIK } from './types';
import { KubernetesSchemas } from '@aks-baseline/plugin-aks-baseline-backend-test-utils';

const documents = parseAllDocuments(
  readFileSync(
    join(
      resolvePackagePath('@aks-baseline/plugin-aks-baseline-backend'),
      'docs/clusterrole.yaml',
    ),
    'utf8',
  ),
).map(d => d.toJS());

describe('docs/clusterrole.yaml', () => {
  it('grants exactly the list calls the reader makes, and nothing on Secrets', () => {
    const role = documents.find(d => d.kind === 'ClusterRole');

    expect(role.rules).toEqual(requiredRbacRules());
    expect(JSON.stringify(role.rules)).not.toMatch(/secrets"|configmaps|"\*"/);
    expect(role.rules.flatMap((r: any) => r.verbs)).toEqual(
      role.rules.map(() => 'list'),
    );
  });

  it("lists ConfigMaps only in Traefik's namespace, through a Role there", () => {
    const role = documents.find(d => d.kind === 'Role');

    expect(role.rules).toEqual(requiredRbacRules('traefik-namespace'));
    expect(role.rules).toEqual([
      { apiGroups: [''], resources: ['configmaps'], verbs: ['list'] },
    ]);
    expect(role.metadata.namespace).toBe(DEFAULT_TRAEFIK.namespace);
  });

  it('is valid RBAC, each binding bound to the role it defines', () => {
    const schemas = KubernetesSchemas.shared();

    for (const document of documents) {
      expect(schemas.validate(document).errors).toEqual([]);
    }
    for (const [binding, kind] of [
      ['ClusterRoleBinding', 'ClusterRole'],
      ['RoleBinding', 'Role'],
    ]) {
      const bound = documents.find(d => d.kind === binding);
      const role = documents.find(d => d.kind === kind);
      expect([bound.roleRef.kind, bound.roleRef.name]).toEqual([
        kind,
        role.metadata.name,
      ]);
      expect(bound.metadata.namespace).toBe(role.metadata.namespace);
    }
  });
});
