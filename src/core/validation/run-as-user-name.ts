// The API server's runAsUserName rules (validateWindowsSecurityContextOptions in
// pkg/apis/core/validation/validation.go). Go's len() counts UTF-8 bytes, so lengths here do too.

const MAX_DOMAIN_BYTES = 256;
const MAX_USER_BYTES = 104;
// eslint-disable-next-line no-control-regex
const CONTROL_CHARS = /[\x00-\x1F\x7F]/;
const NETBIOS_DOMAIN = /^[^\\/:*?"<>|.][^\\/:*?"<>|]{0,14}$/u;
const DNS_DOMAIN = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$/;
const ONLY_PERIODS_OR_SPACES = /^[. ]+$/;
const INVALID_USER_CHARS = /["/\\:;|=,+*?<>@[\]]/;

// Manifests repeat a handful of account names (NT AUTHORITY\SYSTEM in nearly every pod), so the
// verdicts are remembered; the cache is bounded for streams of many distinct names.
const MAX_CACHED = 256;
const cache = new Map<string, readonly string[]>();

/**
 * Checks a `runAsUserName` as the API server does and returns its messages (empty when valid),
 * in the order Kubernetes reports them.
 */
export function runAsUserNameProblems(value: string): readonly string[] {
  let problems = cache.get(value);
  if (problems === undefined) {
    if (cache.size >= MAX_CACHED) cache.clear();
    problems = Object.freeze(check(value));
    cache.set(value, problems);
  }
  return problems;
}

function check(value: string): string[] {
  if (value.length === 0) {
    return ['runAsUserName cannot be an empty string'];
  }
  if (CONTROL_CHARS.test(value)) {
    return ['runAsUserName cannot contain control characters'];
  }
  const parts = value.split('\\');
  if (parts.length > 2) {
    return ['runAsUserName cannot contain more than one backslash'];
  }

  const hasDomain = parts.length === 2;
  const domain = hasDomain ? parts[0] : '';
  const user = hasDomain ? parts[1] : parts[0];
  const problems: string[] = [];

  if (Buffer.byteLength(domain, 'utf8') >= MAX_DOMAIN_BYTES) {
    problems.push(`runAsUserName's Domain length must be under ${MAX_DOMAIN_BYTES} characters`);
  }
  if (hasDomain && !NETBIOS_DOMAIN.test(domain) && !DNS_DOMAIN.test(domain)) {
    problems.push("runAsUserName's Domain doesn't match the NetBios nor the DNS format");
  }
  if (user.length === 0) {
    problems.push("runAsUserName's User cannot be empty");
  } else if (Buffer.byteLength(user, 'utf8') > MAX_USER_BYTES) {
    problems.push(`runAsUserName's User length must not be longer than ${MAX_USER_BYTES} characters`);
  }
  if (ONLY_PERIODS_OR_SPACES.test(user)) {
    problems.push("runAsUserName's User cannot contain only periods or spaces");
  }
  if (INVALID_USER_CHARS.test(user)) {
    problems.push('runAsUserName\'s User cannot contain the following characters: "/\\:;|=,+*?<>@[]');
  }
  return problems;
}
