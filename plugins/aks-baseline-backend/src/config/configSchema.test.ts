import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { loadConfigSchema } from '@backstage/config-loader';
import { z } from 'zod';
import { unwrapSchema } from './configKeys';
import { pluginConfigSchema } from './pluginConfig';

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
};

/** Every option path with whether it is required, `[]` marking array items. */
type OptionPaths = Record<string, 'required' | 'optional'>;

function jsonSchemaOptions(schema: JsonSchema, prefix = ''): OptionPaths {
  if (schema.items) {
    return jsonSchemaOptions(schema.items, `${prefix}[]`);
  }
  return Object.fromEntries(
    Object.entries(schema.properties ?? {}).flatMap(([key, child]) => {
      const path = prefix ? `${prefix}.${key}` : key;
      const required = schema.required?.includes(key) ? 'required' : 'optional';
      return [
        [path, required],
        ...Object.entries(jsonSchemaOptions(child, path)),
      ];
    }),
  );
}

function zodOptions(schema: z.ZodTypeAny, prefix = ''): OptionPaths {
  const inner = unwrapSchema(schema);
  if (inner instanceof z.ZodArray) {
    return zodOptions(inner.element, `${prefix}[]`);
  }
  if (!(inner instanceof z.ZodObject)) {
    return {};
  }
  return Object.fromEntries(
    Object.entries(inner.shape as z.ZodRawShape).flatMap(([key, child]) => {
      const path = prefix ? `${prefix}.${key}` : key;
      const required = child.isOptional() ? 'optional' : 'required';
      return [[path, required], ...Object.entries(zodOptions(child, path))];
    }),
  );
}

// config.d.ts is what Backstage reads (config:check, the frontend's
// visibility filter, the docs); the zod schema is what the plugin enforces.
// Compiled the way Backstage compiles it, so the two cannot drift apart.
const PACKAGE = '@aks-baseline/plugin-aks-baseline-backend';

describe('config.d.ts and the zod schema', () => {
  it('declare the same aksBaseline options, required alike', async () => {
    const schema = await loadConfigSchema({
      dependencies: [],
      packagePaths: [resolvePackagePath(PACKAGE, 'package.json')],
      excludePackageDependencies: true,
    });
    const schemas = schema.serialize().schemas as Array<{
      packageName: string;
      value: JsonSchema;
    }>;
    const declared = schemas.find(s => s.packageName === PACKAGE);
    const aksBaseline = declared?.value.properties?.aksBaseline;

    expect(aksBaseline).toBeDefined();
    expect(zodOptions(pluginConfigSchema)).toEqual(
      jsonSchemaOptions(aksBaseline!),
    );
  });
});
