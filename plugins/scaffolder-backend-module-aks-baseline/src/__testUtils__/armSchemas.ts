/** The strict ARM spec validators live in the shared test-utils package. */
export {
  armSchemas,
  strictArmSchemas,
} from '@aks-baseline/plugin-aks-baseline-backend-test-utils';
