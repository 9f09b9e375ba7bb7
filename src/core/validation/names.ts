// The API server's checks of names and port numbers, in its words: k8s.io/apimachinery
// pkg/util/validation/validation.go@v0.37.2 (IsDNS1123Label, IsValidPortNum, RegexError,
// MaxLenError), the apimachinery of Kubernetes v1.37.2; the same words at v0.30.14.
import { byteLength } from './util';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** RegexError(dns1123LabelErrMsg, dns1123LabelFmt, "my-name", "123-abc"): the double space is upstream's. */
const DNS1123_LABEL_ERROR = 'a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start ' +
  'and end with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\')';

/**
 * What is wrong with a name that must be a DNS-1123 label (a container's, a volume's), in the API
 * server's words; empty when it is one. An empty name is the caller's `Required value`.
 */
export function dns1123LabelProblems(value: string): string[] {
  // A label is ASCII, so its length in bytes is its length: the common case without byteLength.
  if (value.length <= 63 && DNS1123_LABEL.test(value)) return [];
  const problems: string[] = [];
  if (byteLength(value) > 63) problems.push('must be no more than 63 characters');
  if (!DNS1123_LABEL.test(value)) {
    // A valid subdomain that is no label has dots (its length was checked above).
    problems.push(DNS1123_SUBDOMAIN.test(value) ? 'must not contain dots' : DNS1123_LABEL_ERROR);
  }
  return problems;
}

/** InclusiveRangeError(1, 65535), which IsValidPortNum gives for a port out of range. */
export const PORT_RANGE = 'must be between 1 and 65535, inclusive';

/** Whether `port` is a port number the API server accepts (IsValidPortNum). */
export function isValidPortNumber(port: number): boolean {
  return port >= 1 && port <= 65535;
}
