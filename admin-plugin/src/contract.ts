/**
 * The shared names the page needs, read from the repository's contract file. The contract package's index reads
 * the file with Node APIs; the page imports the JSON itself so that it bundles for the browser.
 */
import type { Contract } from '@focus-api-access/contract';
import contractJson from '@focus-api-access/contract/contract.json' with { type: 'json' };

export const contract = contractJson as Contract;
export const manageRight = contract.manageRight;
