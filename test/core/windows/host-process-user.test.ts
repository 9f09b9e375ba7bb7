import { HostProcessUser } from 'cdk8s-hostprocess';

describe('HostProcessUser', () => {
  test.each([
    ['SYSTEM', HostProcessUser.SYSTEM, 'NT AUTHORITY\\SYSTEM'],
    ['LOCAL_SERVICE', HostProcessUser.LOCAL_SERVICE, 'NT AUTHORITY\\Local service'],
    ['NETWORK_SERVICE', HostProcessUser.NETWORK_SERVICE, 'NT AUTHORITY\\NetworkService'],
    ['localGroup', HostProcessUser.localGroup('hpc-localgroup'), 'hpc-localgroup'],
    ['of with a domain', HostProcessUser.of('CONTOSO\\svc-agent'), 'CONTOSO\\svc-agent'],
    ['of with a DNS domain', HostProcessUser.of('corp.contoso.com\\agent'), 'corp.contoso.com\\agent'],
    ['of with spaces', HostProcessUser.of('NT AUTHORITY\\Local service'), 'NT AUTHORITY\\Local service'],
    ['of with 104 bytes', HostProcessUser.of('a'.repeat(104)), 'a'.repeat(104)],
  ])('%s writes runAsUserName %j', (_name, user, expected) => {
    expect(user.runAsUserName).toBe(expected);
  });

  const field = 'securityContext.windowsOptions.runAsUserName: Invalid value:';
  test.each([
    ['more than one backslash', () => HostProcessUser.of('DOMAIN\\a\\b'),
      `HostProcessUser.of: ${field} "DOMAIN\\\\a\\\\b": runAsUserName cannot contain more than one backslash`],
    ['empty', () => HostProcessUser.of(''),
      `HostProcessUser.of: ${field} "": runAsUserName cannot be an empty string`],
    ['user of 105 bytes', () => HostProcessUser.of('a'.repeat(105)),
      "runAsUserName's User length must not be longer than 104 characters"],
    ['multi-byte user over 104 bytes', () => HostProcessUser.of('é'.repeat(53)),
      "runAsUserName's User length must not be longer than 104 characters"],
    ['forbidden character in a group', () => HostProcessUser.localGroup('bad/name'),
      `HostProcessUser.localGroup: ${field} "bad/name": runAsUserName's User cannot contain the following characters: "/\\:;|=,+*?<>@[]`],
    ['control character', () => HostProcessUser.of('NT AUTHORITY\\SYS\tTEM'),
      'runAsUserName cannot contain control characters'],
    ['empty domain', () => HostProcessUser.of('\\user'),
      "runAsUserName's Domain doesn't match the NetBios nor the DNS format"],
    ['slash as separator', () => HostProcessUser.of('DOMAIN/user'),
      "runAsUserName's User cannot contain the following characters"],
    ['16-character NetBios domain', () => HostProcessUser.of('ABCDEFGHIJKLMNOP_\\user'),
      "runAsUserName's Domain doesn't match the NetBios nor the DNS format"],
    ['only periods', () => HostProcessUser.of('...'),
      "runAsUserName's User cannot contain only periods or spaces"],
    ['a group with a domain', () => HostProcessUser.localGroup('NODE\\group'),
      'a local group name has no domain'],
  ])('%s is rejected with the Kubernetes wording', (_name, make, message) => {
    expect(make).toThrow(message);
  });

  test('the message says how to fix it', () => {
    expect(() => HostProcessUser.of('')).toThrow(/use NT AUTHORITY\\SYSTEM, NT AUTHORITY\\Local service/);
  });

  test('a 15-character NetBios domain is accepted', () => {
    expect(HostProcessUser.of('ABCDEFGHIJKLMN_\\user').runAsUserName).toBe('ABCDEFGHIJKLMN_\\user');
  });
});
