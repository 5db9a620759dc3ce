// react-i18next imports the CommonJS shim `use-sync-external-store/shim`, which `require`s React: that cannot
// work in an ES module that leaves React to the host. React 18+ has the hook itself, so the shim is this.
export { useSyncExternalStore } from 'react';
