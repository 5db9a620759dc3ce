// Deep imports keep the icon barrel (thousands of modules) out of builds and tests.
export { CheckIcon } from '@patternfly/react-icons/dist/esm/icons/check-icon';
export { CopyIcon } from '@patternfly/react-icons/dist/esm/icons/copy-icon';
export { CubesIcon } from '@patternfly/react-icons/dist/esm/icons/cubes-icon';
export { EllipsisVIcon } from '@patternfly/react-icons/dist/esm/icons/ellipsis-v-icon';
export { InfoCircleIcon } from '@patternfly/react-icons/dist/esm/icons/info-circle-icon';
export { LockIcon } from '@patternfly/react-icons/dist/esm/icons/lock-icon';
export { MinusCircleIcon } from '@patternfly/react-icons/dist/esm/icons/minus-circle-icon';
export { PlusCircleIcon } from '@patternfly/react-icons/dist/esm/icons/plus-circle-icon';
export { SearchIcon } from '@patternfly/react-icons/dist/esm/icons/search-icon';
export { RhMicronsCloseIcon as CloseIcon } from '@patternfly/react-icons/dist/esm/icons/rh-microns-close-icon';
