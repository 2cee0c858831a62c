import { createFieldValidation } from '@backstage/plugin-scaffolder-react/alpha';
import { validateFirewallPrivateIp } from './FirewallPrivateIpField';

/** Runs the field's validation as the scaffolder's form does on Next. */
async function errorsFor(value: string, formData: Record<string, unknown>) {
  const validation = createFieldValidation();
  await validateFirewallPrivateIp(value, validation, {
    apiHolder: { get: () => undefined },
    formData: formData as any,
    schema: {},
  });
  return validation.__errors;
}

describe('validateFirewallPrivateIp', () => {
  it("refuses an address inside the page's spoke VNet", async () => {
    expect(
      await errorsFor('10.240.0.4', { vnetAddressSpace: '10.240.0.0/16' }),
    ).toEqual([
      expect.stringMatching(
        /^10\.240\.0\.4 is inside the spoke VNet 10\.240\.0\.0\/16/,
      ),
    ]);
  });

  it('accepts a hub address', async () => {
    expect(
      await errorsFor('10.200.0.4', { vnetAddressSpace: '10.240.0.0/16' }),
    ).toEqual([]);
  });
});
