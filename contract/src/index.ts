/**
 * @focus-api-access/contract: the shared names and limits (`contract.json`), and the one definition of the rules for
 * what an administrator types (names, IP ranges), applied alike by the page and the provisioner. Browser-safe: no
 * Node APIs.
 */
export {
  contract,
  limits,
  type ActivityBounds,
  type Contract,
  type HistoryAction,
  type HistoryContract,
  type Limits,
  type RefusalReason,
} from './contract.js';
export { checkName, nameLength, type NameCheck, type NameProblem } from './names.js';
export {
  checkIpRange,
  checkIpRanges,
  addressCount,
  type IpRangeCheck,
  type IpRangeEntry,
  type IpRangeListCheck,
  type IpRangeProblem,
  type IpRangeListProblem,
} from './ip-ranges.js';
export { excludedAddresses, rangesAllow, type ExclusionOptions, type SeenAddress } from './address-exclusion.js';
