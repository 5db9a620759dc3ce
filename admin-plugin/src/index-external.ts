/**
 * The bundle for hosts that already load React 19, ReactDOM and PatternFly 6 (with its CSS): those stay imports.
 * See README.md for the host contract.
 */
import './page.css';

export * from './exports.js';
