import { BASELINE_CONTROLS } from './catalogue';
import type { ControlDefinition } from './types';

/*
 * Every control says what to do when it is not met: what to change, the
 * command and the documentation page (the portal shows them under the
 * control and in the hop's details). Azure resources are changed with az
 * and documented on Microsoft Learn; objects in the cluster are changed with
 * kubectl and documented by Microsoft, Kubernetes or Traefik.
 */

const controls = BASELINE_CONTROLS as readonly ControlDefinition[];
const azureControls = controls.filter(c => c.area !== 'kubernetes');
const kubernetesControls = controls.filter(c => c.area === 'kubernetes');

const LEARN = /^https:\/\/learn\.microsoft\.com\/azure\/[a-z0-9-/]+$/;
const IN_CLUSTER_DOCS =
  /^https:\/\/(learn\.microsoft\.com\/azure\/|kubernetes\.io\/docs\/|doc\.traefik\.io\/traefik\/)[a-z0-9-./]+$/;

describe('remediation in the catalogue', () => {
  it('gives every control a remediation', () => {
    expect(controls.filter(c => !c.remediation).map(c => c.id)).toEqual([]);
  });

  it('gives every Azure resource control a change, an az command and a Microsoft Learn page', () => {
    expect(azureControls.length).toBeGreaterThan(30);
    for (const { id, remediation } of azureControls) {
      expect({ id, command: remediation?.command }).toEqual({
        id,
        command: expect.stringMatching(/^az [a-z-]+ /),
      });
      expect({ id, doc: remediation?.doc }).toEqual({
        id,
        doc: expect.stringMatching(LEARN),
      });
      expect(remediation!.change.length).toBeGreaterThan(10);
    }
  });

  it('gives every in-cluster control a kubectl command and a Microsoft, Kubernetes or Traefik page', () => {
    expect(kubernetesControls.map(c => c.id)).toEqual([
      'K8S-01',
      'K8S-02',
      'K8S-03',
      'K8S-04',
      'K8S-05',
      'K8S-06',
      'K8S-07',
      'K8S-08',
    ]);
    for (const { id, remediation } of kubernetesControls) {
      expect({ id, command: remediation?.command }).toEqual({
        id,
        command: expect.stringMatching(/^kubectl (apply|annotate|patch) /),
      });
      expect({ id, doc: remediation?.doc }).toEqual({
        id,
        doc: expect.stringMatching(IN_CLUSTER_DOCS),
      });
      expect(remediation!.change.length).toBeGreaterThan(10);
    }
  });

  it('names the resource to change in every command by a placeholder, never a real name', () => {
    for (const { id, remediation } of controls) {
      expect({
        id,
        placeholder: /[{<][a-z]/i.test(remediation!.command),
      }).toEqual({ id, placeholder: true });
    }
  });
});
