import { BASELINE_CONTROLS } from './catalogue';
import type { ControlDefinition } from './types';

/*
 * Every Azure control says what to do when it is not met: what to change,
 * the az command and the Microsoft Learn page (the portal shows them under
 * the control and in the hop's details).
 */

const controls = BASELINE_CONTROLS as readonly ControlDefinition[];

describe('remediation in the catalogue', () => {
  it('gives every Azure resource control a change, an az command and a Microsoft Learn page', () => {
    for (const { id, remediation } of controls) {
      if (!remediation) continue;
      expect({ id, command: remediation.command }).toEqual({
        id,
        command: expect.stringMatching(/^az [a-z-]+ /),
      });
      expect({ id, doc: remediation.doc }).toEqual({
        id,
        doc: expect.stringMatching(/^https:\/\/learn\.microsoft\.com\/azure\//),
      });
      expect(remediation.change.length).toBeGreaterThan(10);
    }
  });

  it('leaves only the certificate, egress-flow and in-cluster controls without one', () => {
    // Their fix is in the finding itself (renew the named certificate, the
    // blocked flow's rule) or a Kubernetes object, not an az command.
    expect(controls.filter(c => !c.remediation).map(c => c.id)).toEqual([
      'CERT-01',
      'CERT-02',
      'CERT-03',
      'CERT-04',
      'CERT-05',
      'FW-02',
      'ACR-02',
      'K8S-01',
      'K8S-02',
      'K8S-03',
      'K8S-04',
      'K8S-05',
      'K8S-06',
      'K8S-07',
      'K8S-08',
    ]);
  });
});
