import { errors, hostProcessSpec, withContainer } from './helpers';

const P = 'spec.securityContext.windowsOptions';
const C = 'spec.containers[0].securityContext.windowsOptions';
const podOptions = (options: Record<string, unknown>) =>
  hostProcessSpec({ securityContext: { windowsOptions: { hostProcess: true, ...options } } });

const DNS_MESSAGE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with " +
  "an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

const user = (n: number) => 'u'.repeat(n);
// 'é' is two UTF-8 bytes: 60 characters, 120 bytes.
const wideUser = 'é'.repeat(60);

describe('runAsUserName (rule 18), boundaries included', () => {
  test.each<[string, string, string[]]>([
    ['SYSTEM', 'NT AUTHORITY\\SYSTEM', []],
    ['Local service: spaces are allowed', 'NT AUTHORITY\\Local service', []],
    ['NetworkService', 'NT AUTHORITY\\NetworkService', []],
    ['a local group, no domain', 'hpc-localgroup', []],
    ['user of exactly 104 bytes', `DOMAIN\\${user(104)}`, []],
    ['user of 105 bytes', `DOMAIN\\${user(105)}`, ["runAsUserName's User length must not be longer than 104 characters"]],
    ['non-ASCII user: 60 characters, 120 bytes', wideUser, ["runAsUserName's User length must not be longer than 104 characters"]],
    ['NetBios domain of 15 characters', `${'D'.repeat(15)}\\user`, []],
    ['16 characters without dots: too long for NetBios, but a DNS label', `${'D'.repeat(16)}\\user`, []],
    ['16 characters with a space: neither NetBios nor DNS', `${'D'.repeat(15)} \\user`,
      ["runAsUserName's Domain doesn't match the NetBios nor the DNS format"]],
    ['16 characters with an underscore: neither NetBios nor DNS', `${'D'.repeat(15)}_\\user`,
      ["runAsUserName's Domain doesn't match the NetBios nor the DNS format"]],
    ['15 characters with an underscore: NetBios', `${'D'.repeat(14)}_\\user`, []],
    ['a DNS domain', 'corp.example.com\\svc-agent', []],
    ['a domain starting with a dot', '.corp\\user', ["runAsUserName's Domain doesn't match the NetBios nor the DNS format"]],
    ['domain of 256 bytes', `${'a'.repeat(256)}\\user`, [
      "runAsUserName's Domain length must be under 256 characters",
      "runAsUserName's Domain doesn't match the NetBios nor the DNS format",
    ]],
    ['empty domain (\\user)', '\\user', ["runAsUserName's Domain doesn't match the NetBios nor the DNS format"]],
    ['DOMAIN/user: slash is not a separator', 'DOMAIN/user', ['runAsUserName\'s User cannot contain the following characters: "/\\:;|=,+*?<>@[]']],
    ['empty', '', ['runAsUserName cannot be an empty string']],
    ['control character', 'NT AUTHORITY\\SYS\tTEM', ['runAsUserName cannot contain control characters']],
    ['two backslashes', 'A\\B\\C', ['runAsUserName cannot contain more than one backslash']],
    ['empty user', 'DOMAIN\\', ["runAsUserName's User cannot be empty"]],
    ['only periods or spaces', 'DOMAIN\\. .', ["runAsUserName's User cannot contain only periods or spaces"]],
    ['invalid character', 'user@corp', ['runAsUserName\'s User cannot contain the following characters: "/\\:;|=,+*?<>@[]']],
  ])('%s', (_name, value, messages) => {
    // JSON.stringify quotes these values exactly as Go's %q does (a tab is \t in both).
    expect(errors(podOptions({ runAsUserName: value }))).toEqual(
      messages.map(m => `${P}.runAsUserName: Invalid value: ${JSON.stringify(value)}: ${m}`));
  });

  test('the value is quoted as Go %q does: backslashes doubled', () => {
    expect(errors(withContainer({ securityContext: { windowsOptions: { runAsUserName: 'A\\B\\C' } } }))).toEqual([
      `${C}.runAsUserName: Invalid value: "A\\\\B\\\\C": runAsUserName cannot contain more than one backslash`,
    ]);
  });
});

describe('gmsaCredentialSpecName (rule 16)', () => {
  test.each<[string, string, string[]]>([
    ['a subdomain', 'webapp1.corp', []],
    ['253 characters', `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(61)}`, []],
    ['254 characters', `${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(62)}`, ['must be no more than 253 characters']],
    ['upper case', 'WebApp1', [DNS_MESSAGE]],
    ['empty', '', [DNS_MESSAGE]],
    ['too long and invalid', 'A'.repeat(254), ['must be no more than 253 characters', DNS_MESSAGE]],
  ])('%s', (_name, value, messages) => {
    expect(errors(podOptions({ gmsaCredentialSpecName: value }))).toEqual(
      messages.map(m => `${P}.gmsaCredentialSpecName: Invalid value: ${JSON.stringify(value)}: ${m}`));
  });
});

describe('gmsaCredentialSpec (rule 17)', () => {
  test.each<[string, string, string[]]>([
    ['inline JSON', '{"CmsPlugins":["ActiveDirectory"]}', []],
    ['exactly 64 KiB', 'x'.repeat(65536), []],
    ['empty', '', ['gmsaCredentialSpec cannot be an empty string']],
    ['over 64 KiB', 'x'.repeat(65537), ['gmsaCredentialSpec size must be under 64 KiB']],
  ])('%s', (_name, value, messages) => {
    expect(errors(withContainer({ securityContext: { windowsOptions: { gmsaCredentialSpec: value } } }))).toEqual(
      messages.map(m => `${C}.gmsaCredentialSpec: Invalid value: ${JSON.stringify(value)}: ${m}`));
  });
});

describe('where windowsOptions are checked', () => {
  test('every container kind and the pod, in Kubernetes order: containers, init, ephemeral, then the pod', () => {
    const bad = { securityContext: { windowsOptions: { runAsUserName: '' } } };
    const spec = {
      ...podOptions({ runAsUserName: '' }),
      initContainers: [{ name: 'i', image: 'img', ...bad }],
      containers: [{ name: 'a', image: 'img', ...bad }],
      ephemeralContainers: [{ name: 'e', image: 'img', ...bad }],
    };
    const msg = 'runAsUserName: Invalid value: "": runAsUserName cannot be an empty string';
    expect(errors(spec, 'spec.template.spec')).toEqual([
      `spec.template.spec.containers[0].securityContext.windowsOptions.${msg}`,
      `spec.template.spec.initContainers[0].securityContext.windowsOptions.${msg}`,
      `spec.template.spec.ephemeralContainers[0].securityContext.windowsOptions.${msg}`,
      `spec.template.spec.securityContext.windowsOptions.${msg}`,
      // ValidatePodTemplateSpec, after ValidatePodSpec.
      'spec.template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template',
    ]);
  });

  test('formats are checked whatever spec.os says', () => {
    const spec = { ...podOptions({ runAsUserName: '' }), os: undefined };
    expect(errors(spec)).toEqual([`${P}.runAsUserName: Invalid value: "": runAsUserName cannot be an empty string`]);
  });
});
