import { parseAllDocuments } from 'yaml';
import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { requiredRbacRules } from './resources';
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

  it('is valid RBAC, bound to the role it defines', () => {
    const schemas = KubernetesSchemas.shared();

    for (const document of documents) {
      expect(schemas.validate(document).errors).toEqual([]);
    }
    const binding = documents.find(d => d.kind === 'ClusterRoleBinding');
    expect(binding.roleRef.name).toBe(
      documents.find(d => d.kind === 'ClusterRole').metadata.name,
    );
  });
});
