// The options of the policy as plain values, and what makes them unusable (checked before anything
// is built, so that a construct fails with every problem at once).

/** What the policy allows and how it is enforced, as plain values. */
export interface AdmissionPolicyOptions {
  /** The policy's name; the binding has the same name, the warnings policy and binding `<name>-warnings`. */
  readonly name: string;
  /** Namespaces allowed by name. */
  readonly namespaces: readonly string[];
  /** Namespaces allowed by label: a namespace with every one of these labels. Empty: none by label. */
  readonly namespaceLabels: { readonly [key: string]: string };
  /**
   * Whether a namespace must be both listed in `namespaces` and carry every label of `namespaceLabels`
   * (else either is enough). Absent: either.
   */
  readonly requireNamespaceNameAndLabels?: boolean;
  /** Allowed image prefixes, as the user wrote them (normalized here). */
  readonly imagePrefixes: readonly string[];
  /** Allowed `runAsUserName` values. */
  readonly users: readonly string[];
  /**
   * Allowed service accounts, by name in the pod's namespace (a pod that names none runs as `default`).
   * Absent: any.
   */
  readonly serviceAccounts?: readonly string[];
  /**
   * Image prefixes whose HostProcess containers may set `command` or `args`, exec probes or lifecycle
   * exec hooks; empty: none may; absent: any container may (not checked).
   */
  readonly commandImagePrefixes?: readonly string[];
  /** The binding's validationActions. */
  readonly validationActions: readonly string[];
  /** Whether `spec.os.name: windows` is required. */
  readonly requireWindowsOs: boolean;
  /** Whether a Windows node selection is required. */
  readonly requireWindowsNodeSelection: boolean;
  /** Whether the Warn-only policy for the lint's warnings is written. */
  readonly warnings: boolean;
}

/** The built-in accounts, the default allow-list. */
export const BUILT_IN_ACCOUNTS = ['NT AUTHORITY\\SYSTEM', 'NT AUTHORITY\\Local service', 'NT AUTHORITY\\NetworkService'];

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const LABEL_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const BOUNDARY = /[/:@]$/;

/**
 * The problems of the options, each `<field>: <what is wrong and how to fix it>`; empty when they
 * make a policy that can admit something.
 */
export function admissionPolicyProblems(options: AdmissionPolicyOptions): string[] {
  const problems: string[] = [];
  // The binding is named `<name>`, the warnings policy `<name>-warnings`: both must be DNS subdomains.
  if (options.name.length > 244 || !DNS_SUBDOMAIN.test(options.name)) {
    problems.push(`name: Invalid value: ${JSON.stringify(options.name)}: a policy name must be a DNS subdomain of at most ` +
      '244 characters (253 less "-warnings"): lowercase letters, digits, "-" and "."');
  }
  const labelKeys = Object.keys(options.namespaceLabels);
  if (options.namespaces.length === 0 && labelKeys.length === 0) {
    problems.push('namespaces: Required value: name at least one namespace (namespaces) or a label that allowed ' +
      'namespaces carry (namespaceLabels): without one the policy admits no HostProcess pod anywhere');
  }
  options.namespaces.forEach((ns, i) => {
    if (ns.length > 63 || !DNS_LABEL.test(ns)) {
      problems.push(`namespaces[${i}]: Invalid value: ${JSON.stringify(ns)}: a namespace name must be a DNS label ` +
        '(at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit)');
    }
  });
  for (const key of labelKeys) {
    const value = options.namespaceLabels[key];
    const slash = key.lastIndexOf('/');
    const [prefix, name] = slash >= 0 ? [key.slice(0, slash), key.slice(slash + 1)] : ['', key];
    if ((slash >= 0 && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) || name.length > 63 || !LABEL_NAME.test(name)) {
      problems.push(`namespaceLabels: Invalid value: ${JSON.stringify(key)}: a label key is an optional DNS subdomain ` +
        'prefix and "/", then a name of at most 63 letters, digits, "-", "_" and "."');
    }
    if (value.length > 63 || !LABEL_VALUE.test(value)) {
      problems.push(`namespaceLabels.${key}: Invalid value: ${JSON.stringify(value)}: a label value is at most 63 ` +
        'letters, digits, "-", "_" and ".", starting and ending with a letter or digit');
    }
  }
  if (options.imagePrefixes.length === 0) {
    problems.push('imagePrefixes: Required value: list at least one image prefix, a registry or repository ending in ' +
      '"/" such as "mcr.microsoft.com/oss/kubernetes/": without one the policy admits no HostProcess pod');
  }
  problems.push(...prefixProblems('imagePrefixes', options.imagePrefixes));
  if (options.users.length === 0) {
    problems.push('users: Required value: list at least one account (HostProcessUser.SYSTEM, LOCAL_SERVICE, ' +
      'NETWORK_SERVICE or a localGroup), or leave users out for the three built-in accounts');
  }
  if (options.requireNamespaceNameAndLabels && (options.namespaces.length === 0 || labelKeys.length === 0)) {
    problems.push('requireNamespaceNameAndLabels: Invalid value: true: a namespace must then be both listed in namespaces ' +
      'and labelled with namespaceLabels, so give both (or leave requireNamespaceNameAndLabels out to accept either)');
  }
  if (options.serviceAccounts !== undefined) {
    if (options.serviceAccounts.length === 0) {
      problems.push('serviceAccounts: Required value: list at least one service account (a pod that names none runs as ' +
        '"default"), or leave serviceAccounts out to allow any: without one the policy admits no HostProcess pod');
    }
    // A service account name is a DNS subdomain (ValidateServiceAccountName, NameIsDNSSubdomain in
    // k8s.io/apimachinery pkg/api/validation/generic.go@v0.37.2).
    options.serviceAccounts.forEach((account, i) => {
      if (account.length > 253 || !DNS_SUBDOMAIN.test(account)) {
        problems.push(`serviceAccounts[${i}]: Invalid value: ${JSON.stringify(account)}: a service account name must be a DNS ` +
          'subdomain (at most 253 lowercase letters, digits, "-" and ".")');
      }
    });
  }
  problems.push(...prefixProblems('commands.imagePrefixes', options.commandImagePrefixes ?? []));
  return problems;
}

/** The problems of a list of image prefixes, named `field` (empty lists are the caller's to judge). */
function prefixProblems(field: string, prefixes: readonly string[]): string[] {
  const problems: string[] = [];
  prefixes.forEach((prefix, i) => {
    if (prefix.trim() !== prefix || prefix === '' || /\s/.test(prefix)) {
      problems.push(`${field}[${i}]: Invalid value: ${JSON.stringify(prefix)}: an image prefix cannot be empty or ` +
        'contain spaces (write a registry or repository such as "mcr.microsoft.com/oss/kubernetes/")');
    } else if (!BOUNDARY.test(prefix)) {
      // Without a boundary, "mcr.microsoft.com" also matches "mcr.microsoft.com.attacker.example/x"
      // and "ghcr.io/org/agent" matches "ghcr.io/org/agent-evil".
      problems.push(`${field}[${i}]: Invalid value: ${JSON.stringify(prefix)}: an image prefix must end with "/" ` +
        `(a registry or repository path: ${JSON.stringify(`${prefix}/`)}), ":" (any tag of one repository: ` +
        `${JSON.stringify(`${prefix}:`)}) or "@" (any digest of one repository), or it also matches images that ` +
        'merely start with the same letters');
    }
  });
  return problems;
}
