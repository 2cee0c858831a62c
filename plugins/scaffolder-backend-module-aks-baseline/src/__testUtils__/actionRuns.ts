import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createOnboardAppAction } from '../actions/onboardApp';

/** What an onboard-app run outputs. Test-only. */
export interface OnboardOutputs {
  files: string[];
  appUrl: string;
  summary: string;
}

/** Runs the onboarding action's handler in a workspace and returns its outputs. */
export async function runOnboardAction(
  action: ReturnType<typeof createOnboardAppAction>,
  input: Record<string, unknown>,
  workspacePath: string,
  isDryRun = false,
): Promise<OnboardOutputs> {
  // createMockActionContext does not carry isDryRun over; set it here so
  // dry-run tests really run the action in dry-run mode.
  const ctx = {
    ...createMockActionContext({ input: input as any, workspacePath }),
    isDryRun,
  };
  await action.handler(ctx);
  return Object.fromEntries(
    (ctx.output as jest.Mock).mock.calls.map(([name, value]) => [name, value]),
  ) as unknown as OnboardOutputs;
}
