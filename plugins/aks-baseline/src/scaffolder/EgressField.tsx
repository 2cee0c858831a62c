import type {
  CustomFieldValidator,
  FieldExtensionComponentProps,
} from '@backstage/plugin-scaffolder-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Grid from '@material-ui/core/Grid';
import Paper from '@material-ui/core/Paper';
import TextField from '@material-ui/core/TextField';
import AddIcon from '@material-ui/icons/Add';
import DeleteIcon from '@material-ui/icons/DeleteOutline';
import {
  ComponentProps,
  createContext,
  FocusEvent,
  useContext,
  useMemo,
} from 'react';
import {
  EgressDestination,
  egressProblems,
  withoutEmptyParts,
} from './egressRules';

/** Name of the field extension the onboarding template's `ui:field` names. */
export const EGRESS_FIELD_NAME = 'AksEgressRules';

type Props = FieldExtensionComponentProps<EgressDestination[]>;
type Templates = Props['registry']['templates'];
type ArrayTemplateProps = ComponentProps<Templates['ArrayFieldTemplate']>;
type ArrayItemProps = ComponentProps<Templates['ArrayFieldItemTemplate']>;
type ObjectTemplateProps = ComponentProps<Templates['ObjectFieldTemplate']>;
type WrapTemplateProps = ComponentProps<Templates['WrapIfAdditionalTemplate']>;
type AddButtonProps = ComponentProps<Templates['ButtonTemplates']['AddButton']>;

/*
 * rjsf's list and map templates draw bare "+" and "-" icon buttons whose only
 * name is a tooltip ("Add Item", "Remove"), the same for every list. The
 * egress field renders the scaffolder's own array field with templates whose
 * buttons say what they add or remove and where: "Add destination", "Remove
 * destination 2", "Add port to destination 2", "Remove pod label app of
 * destination 1". The schema, the values and the validation stay rjsf's.
 */

/** The noun of the list being rendered ("destination", "port"). */
const NounContext = createContext<string>('item');
/** The item the current part belongs to ("destination 2"), if any. */
const OwnerContext = createContext<string | undefined>(undefined);

/** "Port and protocol" -> "port and protocol"; "Pod labels" -> "pod label". */
function nounOf(title: unknown, fallback: string): string {
  if (typeof title !== 'string' || !title.trim()) return fallback;
  return title.trim().replace(/^./, c => c.toLowerCase());
}

const ofOwner = (name: string, owner: string | undefined) =>
  owner ? `${name} of ${owner}` : name;

/** A list: its title, items, and an "Add <noun>" button. */
const LabelledArrayFieldTemplate = (props: ArrayTemplateProps) => {
  const {
    canAdd,
    disabled,
    readonly,
    idSchema,
    uiSchema,
    items,
    onAddClick,
    registry,
    required,
    schema,
    title,
  } = props;
  const owner = useContext(OwnerContext);
  const options = (uiSchema?.['ui:options'] ?? {}) as Record<string, unknown>;
  const itemSchema = (
    schema.items && typeof schema.items === 'object' ? schema.items : {}
  ) as { title?: string };
  const noun = nounOf(options.itemName ?? itemSchema.title, 'item');
  const {
    ArrayFieldTitleTemplate: Title,
    ArrayFieldDescriptionTemplate: Description,
    ArrayFieldItemTemplate: Item,
  } = registry.templates;
  return (
    <Paper elevation={2}>
      <Box p={2}>
        <Title
          idSchema={idSchema}
          title={(options.title as string | undefined) ?? title}
          schema={schema}
          uiSchema={uiSchema}
          required={required}
          registry={registry}
        />
        <Description
          idSchema={idSchema}
          description={
            (options.description as string | undefined) ?? schema.description
          }
          schema={schema}
          uiSchema={uiSchema}
          registry={registry}
        />
        <NounContext.Provider value={noun}>
          {items.map(({ key, ...itemProps }) => (
            <Item key={key} {...itemProps} />
          ))}
        </NounContext.Provider>
        {canAdd && (
          <Box mt={1} display="flex" justifyContent="flex-end">
            <Button
              color="primary"
              variant="outlined"
              size="small"
              startIcon={<AddIcon />}
              disabled={disabled || readonly}
              onClick={onAddClick}
              aria-label={owner ? `Add ${noun} to ${owner}` : undefined}
            >
              Add {noun}
            </Button>
          </Box>
        )}
      </Box>
    </Paper>
  );
};

/** One item of a list, with "Remove <noun> <n>" (rjsf's move and copy buttons are off here). */
const LabelledArrayFieldItemTemplate = (props: ArrayItemProps) => {
  const { children, disabled, readonly, hasRemove, index, onDropIndexClick } =
    props;
  const noun = useContext(NounContext);
  const owner = useContext(OwnerContext);
  const name = ofOwner(`${noun} ${index + 1}`, owner);
  return (
    <Box mb={2} data-testid="aks-egress-item">
      <Paper variant="outlined">
        <Box p={2}>
          <OwnerContext.Provider value={name}>{children}</OwnerContext.Provider>
          {hasRemove && (
            <Box mt={1} display="flex" justifyContent="flex-end">
              <Button
                size="small"
                startIcon={<DeleteIcon />}
                disabled={disabled || readonly}
                onClick={onDropIndexClick(index)}
                aria-label={`Remove ${name}`}
              >
                Remove
              </Button>
            </Box>
          )}
        </Box>
      </Paper>
    </Box>
  );
};

/** Objects: their title names what their "Add" button adds (a map's entries). */
const namedObjectTemplates = new WeakMap<
  Templates['ObjectFieldTemplate'],
  Templates['ObjectFieldTemplate']
>();

/**
 * The theme's object template, telling its "Add" button what it adds. One
 * wrapper per theme template: rjsf builds its registry on every render, and
 * a new component type each time would remount the inputs as one types.
 */
function namedObjectFieldTemplate(
  Original: Templates['ObjectFieldTemplate'],
): Templates['ObjectFieldTemplate'] {
  const known = namedObjectTemplates.get(Original);
  if (known) return known;
  const NamedObjectFieldTemplate = (props: ObjectTemplateProps) => (
    <NounContext.Provider
      value={nounOf(props.title, 'entry').replace(/s$/, '')}
    >
      <Original {...props} />
    </NounContext.Provider>
  );
  namedObjectTemplates.set(Original, NamedObjectFieldTemplate);
  return NamedObjectFieldTemplate;
}

/** A map's "Add <noun>" button (pod labels). */
const LabelledAddButton = ({ onClick, disabled }: AddButtonProps) => {
  const noun = useContext(NounContext);
  const owner = useContext(OwnerContext);
  return (
    <Button
      color="primary"
      variant="outlined"
      size="small"
      startIcon={<AddIcon />}
      disabled={disabled}
      onClick={onClick}
      aria-label={owner ? `Add ${noun} to ${owner}` : undefined}
    >
      Add {noun}
    </Button>
  );
};

/** A map entry (a pod label): its key, its value and "Remove <noun> <key>". */
const LabelledWrapIfAdditionalTemplate = (props: WrapTemplateProps) => {
  const {
    children,
    classNames,
    style,
    disabled,
    id,
    label,
    onDropPropertyClick,
    onKeyChange,
    readonly,
    required,
    schema,
  } = props;
  const noun = useContext(NounContext);
  const owner = useContext(OwnerContext);
  // rjsf marks a map's entries with this flag (ADDITIONAL_PROPERTY_FLAG).
  if (!('__additional_property' in schema)) {
    return (
      <div className={classNames} style={style}>
        {children}
      </div>
    );
  }
  const entry = ofOwner(`${noun} ${label}`, owner);
  return (
    <Grid
      container
      spacing={2}
      alignItems="center"
      className={classNames}
      style={style}
    >
      <Grid item xs>
        <TextField
          fullWidth
          id={`${id}-key`}
          name={`${id}-key`}
          label="Key"
          inputProps={{ 'aria-label': `Key of ${entry}` }}
          required={required}
          defaultValue={label}
          disabled={disabled || readonly}
          onBlur={
            readonly
              ? undefined
              : (event: FocusEvent<HTMLInputElement>) =>
                  onKeyChange(event.target.value)
          }
        />
      </Grid>
      <Grid item xs>
        {children}
      </Grid>
      <Grid item>
        <Button
          size="small"
          startIcon={<DeleteIcon />}
          disabled={disabled || readonly}
          onClick={onDropPropertyClick(label)}
          aria-label={`Remove ${entry}`}
        >
          Remove
        </Button>
      </Grid>
    </Grid>
  );
};

/**
 * The onboarding form's "Allowed destinations": rjsf's own list of
 * destinations and ports, with buttons that say what they do.
 */
export const EgressField = (props: Props): JSX.Element => {
  const { registry, onChange } = props;
  const labelled = useMemo(
    () => ({
      ...registry,
      templates: {
        ...registry.templates,
        ArrayFieldTemplate: LabelledArrayFieldTemplate,
        ArrayFieldItemTemplate: LabelledArrayFieldItemTemplate,
        ObjectFieldTemplate: namedObjectFieldTemplate(
          registry.templates.ObjectFieldTemplate,
        ),
        WrapIfAdditionalTemplate: LabelledWrapIfAdditionalTemplate,
        ButtonTemplates: {
          ...registry.templates.ButtonTemplates,
          AddButton: LabelledAddButton,
        },
      },
    }),
    [registry],
  );
  const { ArrayField } = registry.fields;
  return (
    <ArrayField
      {...props}
      registry={labelled}
      onChange={(value: EgressDestination[] | undefined, ...rest: any[]) =>
        onChange(withoutEmptyParts(value), ...rest)
      }
    />
  );
};

/** Refuses, on the form's page, a destination the onboarding action would refuse. */
export const validateEgress: CustomFieldValidator<EgressDestination[]> = (
  value,
  validation,
) => {
  for (const problem of egressProblems(value)) validation.addError(problem);
};
