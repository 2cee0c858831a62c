import { readFileSync } from 'node:fs';
import { sharedDir } from '../__testUtils__/sharedDir';
import { readArm, readArmList } from './read';

/** A recorded managedClusters_Get body, as ARM's REST API returns it. */
function recordedCluster(): Record<string, unknown> {
  const recorded = JSON.parse(
    readFileSync(
      sharedDir('azure-examples', 'managedClusters_Get.json'),
      'utf8',
    ),
  );
  return recorded.responses['200'].body;
}

/** Every path to a leaf under `properties`, with its value. */
function leaves(
  value: unknown,
  path: string[] = [],
): Array<{ path: string[]; value: unknown }> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [{ path, value }];
  }
  return Object.entries(value).flatMap(([key, child]) =>
    leaves(child, [...path, key]),
  );
}

describe('readArm', () => {
  const cluster = recordedCluster();
  const settings = leaves(cluster.properties);

  it('reads every recorded setting through properties, whatever the case of each key', () => {
    expect(settings.length).toBeGreaterThan(20);
    for (const { path, value } of settings) {
      expect(readArm(cluster, path.join('.'))).toEqual(value);
      expect(
        readArm(cluster, path.map(k => k.toLowerCase()).join('.')),
      ).toEqual(value);
      expect(
        readArm(cluster, path.map(k => k.toUpperCase()).join('.')),
      ).toEqual(value);
      expect(readArm(cluster, `properties.${path.join('.')}`)).toEqual(value);
    }
  });

  it("finds a key spelled differently by ARM (diskEncryptionSetID) and nothing that only shares a key's length", () => {
    expect(readArm(cluster, 'diskEncryptionSetId')).toBe(
      (cluster.properties as Record<string, unknown>).diskEncryptionSetID,
    );
    // 'fqdn' and 'dnsP' have the same length; neither is the other.
    expect(readArm(cluster, 'dnsP')).toBeUndefined();
    expect(readArm({ abcd: 1 }, 'abce')).toBeUndefined();
  });

  it('prefers the key as written, then the same key under properties, and stops at null', () => {
    expect(
      readArm({ name: 'top', properties: { name: 'nested' } }, 'name'),
    ).toBe('top');
    expect(readArm({ properties: { Name: 'nested' } }, 'name')).toBe('nested');
    expect(readArm({ a: null }, 'a.b')).toBeUndefined();
    expect(readArm('not an object', 'a')).toBeUndefined();
  });

  it('reads lists, and [] for what is not one', () => {
    expect(readArmList(cluster, 'agentPoolProfiles').length).toBeGreaterThan(0);
    expect(readArmList(cluster, 'networkProfile.podCidr')).toEqual([]);
    expect(readArmList(cluster, 'no.such.path')).toEqual([]);
  });
});
