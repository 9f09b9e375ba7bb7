import { KubernetesExpansion } from 'cdk8s-hostprocess';

/**
 * Kubernetes' expansion of `$(VAR)` in command, args and env values, as the kubelet does it
 * (third_party/forked/golang/expansion): `$$` becomes `$`, `$(NAME)` the variable's value, an
 * unknown reference stays as written.
 */
function kubeletExpand(input: string, env: Record<string, string>): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    if (input[i] !== '$' || i + 1 >= input.length) {
      out += input[i];
      continue;
    }
    const next = input[i + 1];
    if (next === '$') {
      out += '$';
      i += 1;
    } else if (next === '(') {
      const close = input.indexOf(')', i + 2);
      if (close < 0) {
        out += '$(';
        i += 1;
      } else {
        const name = input.slice(i + 2, close);
        out += name in env ? env[name] : `$(${name})`;
        i = close;
      }
    } else {
      out += '$' + next;
      i += 1;
    }
  }
  return out;
}

describe('KubernetesExpansion', () => {
  const env = { NODE_NAME: 'win-node-1', KUBERNETES_SERVICE_HOST: '10.0.0.1' };

  test.each([
    ['', ''],
    ['no dollar', 'no dollar'],
    ['$(NODE_NAME)', '$$(NODE_NAME)'],
    ['$$', '$$$$'],
    ['cost: 5$', 'cost: 5$$'],
    ['$env:CONTAINER_SANDBOX_MOUNT_POINT\\x', '$$env:CONTAINER_SANDBOX_MOUNT_POINT\\x'],
    ['Write-Host "$(Get-Date) $($env:NODE_NAME)"', 'Write-Host "$$(Get-Date) $$($$env:NODE_NAME)"'],
  ])('escape(%j)', (value, escaped) => {
    expect(KubernetesExpansion.escape(value)).toBe(escaped);
  });

  test.each([
    '$(NODE_NAME)', '$(KUBERNETES_SERVICE_HOST):443', '$$', '$$(NODE_NAME)', 'a $ b $', '$(unclosed', "'$(NODE_NAME)' \"$x\" \\$ ✓",
  ])('the kubelet turns escape(%j) back into the value', value => {
    expect(kubeletExpand(KubernetesExpansion.escape(value), env)).toBe(value);
  });

  test('unescaped, the kubelet expands references and reduces $$', () => {
    expect(kubeletExpand('$(NODE_NAME) $$(NODE_NAME) $$ $(MISSING)', env)).toBe('win-node-1 $(NODE_NAME) $ $(MISSING)');
  });

  test('reference', () => {
    expect(KubernetesExpansion.reference('NODE_NAME')).toBe('$(NODE_NAME)');
    expect(kubeletExpand(KubernetesExpansion.reference('NODE_NAME'), env)).toBe('win-node-1');
  });

  test.each([
    ['', 'KubernetesExpansion.reference: Invalid value: "": an environment variable name must be non-empty and contain no "(", ")" or "$"'],
    ['A)B', 'KubernetesExpansion.reference: Invalid value: "A)B": an environment variable name must be non-empty and contain no "(", ")" or "$"'],
  ])('reference rejects %j', (name, message) => {
    expect(() => KubernetesExpansion.reference(name)).toThrow(message);
  });
});
