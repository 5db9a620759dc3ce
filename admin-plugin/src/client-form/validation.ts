/**
 * The form's checks, applying the contract's rules (the same functions the provisioner runs), so the page refuses
 * exactly what the server would refuse, as the administrator types.
 */
import { checkIpRanges, checkName, excludedAddresses, limits, type IpRangeListProblem, type NameProblem } from '@focus-api-access/contract';
import type { Activity, ApiClient } from '../api/types.js';

/** One line of "Beveiliging (optioneel)": the text typed, and whether a wide range was confirmed. */
export interface IpRangeDraft {
  readonly text: string;
  readonly confirmWide: boolean;
}

export interface ClientDraft {
  readonly name: string;
  readonly services: readonly string[];
  readonly ipRanges: readonly IpRangeDraft[];
}

export interface RangeProblem {
  readonly problem: IpRangeListProblem['problem'];
  readonly suggestion?: string;
}

export interface DraftProblems {
  readonly name?: Exclude<NameProblem, 'type'>;
  readonly services?: 'servicesRequired' | 'tooManyServices';
  readonly ipRanges?: 'tooManyRanges';
  /** Per line: what is wrong with it. */
  readonly ipRange: readonly (RangeProblem | undefined)[];
  /** Per line: how many addresses it holds when it is wide (and must be confirmed). */
  readonly wide: readonly (bigint | undefined)[];
}

/** The ranges as the API takes them: a wide range confirmed on the page goes with its confirmation. */
export function ipRangesInput(ranges: readonly IpRangeDraft[]): (string | { range: string; confirmWide: true })[] {
  return ranges.map(({ text, confirmWide }) => (confirmWide ? { range: text.trim(), confirmWide: true } : text.trim()));
}

/** The parts of an API client an edit sends. */
export interface ChangedParts {
  name?: string;
  services?: string[];
  ipRanges?: (string | { range: string; confirmWide: true })[];
}

/**
 * What an edit changes, and only that: a part the administrator left as it was is not sent, so that what someone else
 * changed meanwhile (on another page, with the CLI) stays. A range carries its confirmation only when it is wide, so
 * that the server's check of wide ranges is not answered in advance for ranges that are not.
 */
export function changedParts(draft: ClientDraft, saved: ApiClient, wide: DraftProblems['wide']): ChangedParts {
  const parts: ChangedParts = {};
  const name = draft.name.trim();
  if (name !== saved.name) parts.name = name;
  if (draft.services.length !== saved.services.length || draft.services.some((s) => !saved.services.includes(s))) {
    parts.services = [...draft.services];
  }
  const ranges = draft.ipRanges.map((r) => r.text.trim());
  const stored = saved.ipRanges ?? [];
  if (ranges.length !== stored.length || ranges.some((r, i) => r !== stored[i])) {
    parts.ipRanges = draft.ipRanges.map((r, i) =>
      wide[i] !== undefined && r.confirmWide ? { range: r.text.trim(), confirmWide: true } : r.text.trim(),
    );
  }
  return parts;
}

/** Everything wrong with a draft, per field. */
export function draftProblems(draft: ClientDraft): DraftProblems {
  const name = checkName(draft.name);
  const ranges = checkIpRanges(ipRangesInput(draft.ipRanges));
  const ipRange: (RangeProblem | undefined)[] = draft.ipRanges.map(() => undefined);
  for (const { index, problem, suggestion } of ranges.problems) {
    if (index !== undefined) ipRange[index] ??= { problem, ...(suggestion === undefined ? {} : { suggestion }) };
  }
  return {
    name: name.ok || name.problem === 'type' ? undefined : name.problem,
    services:
      draft.services.length === 0 ? 'servicesRequired' : draft.services.length > limits.servicesPerClient ? 'tooManyServices' : undefined,
    ipRanges: ranges.problems.some((p) => p.problem === 'too_many') ? 'tooManyRanges' : undefined,
    ipRange,
    wide: ranges.entries.map((check) => (check?.ok && check.wide ? check.addresses : undefined)),
  };
}

export function hasProblems(problems: DraftProblems): boolean {
  return (
    problems.name !== undefined ||
    problems.services !== undefined ||
    problems.ipRanges !== undefined ||
    problems.ipRange.some((p) => p !== undefined)
  );
}

/** A recently used address that the draft's ranges would shut out. */
export interface ExcludedAddress {
  readonly ipAddress: string;
  readonly lastSeen: string;
}

/**
 * The addresses of the client's activity that the draft's ranges would shut out and its saved ranges let in: the
 * contract's rule, the one the API applies before it saves. Lines that are not (yet) a valid range count as absent.
 */
export function excludedByDraft(
  ranges: readonly IpRangeDraft[],
  saved: readonly string[],
  addresses: Activity['addresses'],
  now: Date,
): ExcludedAddress[] {
  const valid = checkIpRanges(ipRangesInput(ranges)).entries.flatMap((check) => (check?.ok ? [check.range] : []));
  const seen = addresses.map((a) => ({ address: a.ipAddress, lastSeen: a.lastSeen }));
  return excludedAddresses(valid, seen, { now, before: saved }).map((s) => ({ ipAddress: s.address, lastSeen: s.lastSeen }));
}
