import { ipRangeProblems, type IpRangeProblem } from './ip-range.js';

export const NAME_MAX_LENGTH = 100;
export const IP_RANGES_MAX = 50;

export interface ClientDraft {
  readonly name: string;
  readonly services: readonly string[];
  readonly ipRanges: readonly string[];
}

export type NameProblem = 'nameRequired' | 'nameTooLong' | 'nameControl';

export interface DraftProblems {
  readonly name?: NameProblem;
  readonly services?: 'servicesRequired';
  readonly ipRanges?: 'tooManyRanges';
  readonly ipRange: readonly (IpRangeProblem | undefined)[];
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export function nameProblem(name: string): NameProblem | undefined {
  const trimmed = name.trim();
  if (trimmed === '') return 'nameRequired';
  if (trimmed.length > NAME_MAX_LENGTH) return 'nameTooLong';
  if (CONTROL.test(name)) return 'nameControl';
  return undefined;
}

/** Everything wrong with a draft, per field, mirroring the provisioner's rules. */
export function draftProblems(draft: ClientDraft): DraftProblems {
  return {
    name: nameProblem(draft.name),
    services: draft.services.length === 0 ? 'servicesRequired' : undefined,
    ipRanges: draft.ipRanges.length > IP_RANGES_MAX ? 'tooManyRanges' : undefined,
    ipRange: ipRangeProblems(draft.ipRanges),
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
