// validateWindowsSecurityContextOptions (rules §D): the format of windowsOptions, on the pod and
// on every container, whatever spec.os says.
import { Finding } from './finding';
import { runAsUserNameProblems } from './run-as-user-name';
import { finding, invalid, isSet } from './util';

const DNS1123_SUBDOMAIN_MAX_BYTES = 253;
const DNS1123_SUBDOMAIN_FMT = '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*';
const DNS1123_SUBDOMAIN = new RegExp(`^${DNS1123_SUBDOMAIN_FMT}$`);
const DNS1123_SUBDOMAIN_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must " +
  `start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '${DNS1123_SUBDOMAIN_FMT}')`;
const MAX_GMSA_CREDENTIAL_SPEC_KIB = 64;

/**
 * Checks one `windowsOptions` object. `path` is its own field path
 * (`spec.securityContext.windowsOptions`, `spec.containers[0].securityContext.windowsOptions`).
 */
export function windowsOptionsFindings(options: any, path: string, findings: Finding[]): void {
  if (!isSet(options) || typeof options !== 'object') {
    return;
  }
  const name = options.gmsaCredentialSpecName;
  if (typeof name === 'string') {
    for (const msg of dns1123SubdomainProblems(name)) {
      findings.push(finding('gmsa-credential-spec-name-invalid', `${path}.gmsaCredentialSpecName`, invalid(name, msg)));
    }
  }
  const spec = options.gmsaCredentialSpec;
  if (typeof spec === 'string') {
    if (spec.length === 0) {
      findings.push(finding('gmsa-credential-spec-invalid', `${path}.gmsaCredentialSpec`, invalid(spec, 'gmsaCredentialSpec cannot be an empty string')));
    } else if (Buffer.byteLength(spec, 'utf8') > MAX_GMSA_CREDENTIAL_SPEC_KIB * 1024) {
      findings.push(finding('gmsa-credential-spec-invalid', `${path}.gmsaCredentialSpec`,
        invalid(spec, `gmsaCredentialSpec size must be under ${MAX_GMSA_CREDENTIAL_SPEC_KIB} KiB`)));
    }
  }
  const user = options.runAsUserName;
  if (typeof user === 'string') {
    for (const msg of runAsUserNameProblems(user)) {
      findings.push(finding('run-as-user-name-invalid', `${path}.runAsUserName`, invalid(user, msg)));
    }
  }
}

/** `IsDNS1123Subdomain`: its messages for `value`, empty when valid. Lengths are in bytes, as Go's len(). */
export function dns1123SubdomainProblems(value: string): string[] {
  const problems: string[] = [];
  if (Buffer.byteLength(value, 'utf8') > DNS1123_SUBDOMAIN_MAX_BYTES) {
    problems.push(`must be no more than ${DNS1123_SUBDOMAIN_MAX_BYTES} characters`);
  }
  if (!DNS1123_SUBDOMAIN.test(value)) {
    problems.push(DNS1123_SUBDOMAIN_MESSAGE);
  }
  return problems;
}
