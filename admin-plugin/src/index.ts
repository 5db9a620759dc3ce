/**
 * The self-contained bundle: React, PatternFly and PatternFly's styles (without its global reset) included.
 * See README.md for the host contract.
 */
import '@patternfly/react-core/dist/styles/base-no-reset.css';
import './page.css';

export * from './exports.js';
