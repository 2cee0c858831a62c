import type {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import TextField from '@material-ui/core/TextField';
import { firewallAddressProblem } from './firewallAddress';

/** Name of the field extension the cluster template's `ui:field` names. */
export const FIREWALL_PRIVATE_IP_FIELD_NAME = 'AksFirewallPrivateIp';

/** A text input for the hub firewall's private IP (the check is in the validation). */
export const FirewallPrivateIpField = (
  props: FieldExtensionComponentProps<string>,
) => {
  const {
    formData,
    onChange,
    schema,
    rawErrors,
    required,
    disabled,
    idSchema,
  } = props;
  const description = (schema.description ?? '').replace(/`/g, '');
  return (
    <TextField
      id={idSchema.$id}
      label={schema.title}
      value={formData ?? ''}
      required={required}
      disabled={disabled}
      fullWidth
      margin="normal"
      error={Boolean(rawErrors?.length)}
      helperText={description}
      onChange={event => onChange(event.target.value || undefined)}
    />
  );
};

/**
 * Refuses, on the form's page, a firewall address inside the spoke VNet
 * given on the same page (`vnetAddressSpace`).
 */
export const validateFirewallPrivateIp: CustomFieldValidator<string> = (
  value,
  validation,
  context,
) => {
  const vnet = context.formData?.vnetAddressSpace;
  const problem = firewallAddressProblem(
    value,
    typeof vnet === 'string' ? vnet : undefined,
  );
  if (problem) validation.addError(problem);
};
