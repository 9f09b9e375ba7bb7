import { IConstruct } from 'constructs';

/**
 * `revisionHistoryLimit` as given, or an error naming the construct and the field: the API server
 * rejects a negative one (`ValidateNonnegativeField` for DaemonSet and Deployment specs).
 */
export function checkedRevisionHistoryLimit(scope: IConstruct, value: number | undefined): number | undefined {
  if (value !== undefined && !(Number.isInteger(value) && value >= 0)) {
    throw new Error(`[${scope.node.path}] spec.revisionHistoryLimit: Invalid value: ${value}: must be greater than or equal to 0 ` +
      '(give a whole number of old revisions to keep)');
  }
  return value;
}
