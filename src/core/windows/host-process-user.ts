import { runAsUserNameProblems } from '../validation/run-as-user-name';
import { goQuote } from '../validation/util';

/**
 * The Windows account a HostProcess container runs as
 * (`securityContext.windowsOptions.runAsUserName`).
 *
 * | account | use it for |
 * |---|---|
 * | `SYSTEM` | agents that change the node: CNI, kube-proxy, CSI node plugins, installers |
 * | `LOCAL_SERVICE` | least privilege: readers and exporters that need no network identity |
 * | `NETWORK_SERVICE` | agents that authenticate to other machines as the node's computer account |
 * | `localGroup(name)` | a node-local group you prepared with the rights the agent needs (containerd 1.7+) |
 *
 * @see https://kubernetes.io/docs/tasks/configure-pod-container/create-hostprocess-pod/#choosing-a-user-account
 */
export class HostProcessUser {
  /** `NT AUTHORITY\SYSTEM` (LocalSystem): full control of the node. */
  public static readonly SYSTEM = new HostProcessUser('NT AUTHORITY\\SYSTEM');

  /** `NT AUTHORITY\Local service`: the least privileged built-in account; no network credentials. */
  public static readonly LOCAL_SERVICE = new HostProcessUser('NT AUTHORITY\\Local service');

  /** `NT AUTHORITY\NetworkService`: limited local rights, authenticates on the network as the node. */
  public static readonly NETWORK_SERVICE = new HostProcessUser('NT AUTHORITY\\NetworkService');

  /**
   * A node-local group. containerd creates a temporary account that is a member of the group and
   * runs the container as that account. The group must already exist on every node the pod can
   * land on. Needs containerd 1.7 or newer.
   *
   * @param name the local group name, without a domain (for example `hpc-localgroup`)
   */
  public static localGroup(name: string): HostProcessUser {
    if (name.includes('\\')) {
      throw new Error(
        `HostProcessUser.localGroup: securityContext.windowsOptions.runAsUserName: Invalid value: ${goQuote(name)}: ` +
        'a local group name has no domain (write the group name alone, without "DOMAIN\\")',
      );
    }
    return new HostProcessUser(checked('HostProcessUser.localGroup', name));
  }

  /**
   * Any account name the API server accepts as `runAsUserName`, such as `NT AUTHORITY\SYSTEM`
   * spelled differently or a value from your own configuration. It is checked with the API
   * server's rules: at most one backslash, a NetBios or DNS domain, a user part of at most 104
   * UTF-8 bytes without `"/\:;|=,+*?<>@[]`, no control characters.
   *
   * @param runAsUserName the value for `securityContext.windowsOptions.runAsUserName`
   */
  public static of(runAsUserName: string): HostProcessUser {
    return new HostProcessUser(checked('HostProcessUser.of', runAsUserName));
  }

  private constructor(
    /** The value written to `securityContext.windowsOptions.runAsUserName`. */
    public readonly runAsUserName: string,
  ) {}
}

function checked(factory: string, value: string): string {
  const problems = runAsUserNameProblems(value);
  if (problems.length > 0) {
    throw new Error(
      `${factory}: securityContext.windowsOptions.runAsUserName: Invalid value: ${goQuote(value)}: ${problems.join(', ')} ` +
      '(use NT AUTHORITY\\SYSTEM, NT AUTHORITY\\Local service, NT AUTHORITY\\NetworkService, DOMAIN\\user or a local group name)',
    );
  }
  return value;
}
