// One definition of a HostProcess pod, of a pod that asks for HostProcess, and of a Windows pod,
// read by the engine, lint and convert: the cases where earlier definitions disagreed.
import { convert } from '../../../src/core/convert/convert';
import { asksForHostProcess, isHostProcessPod, isWindowsOrHostProcess } from '../../../src/core/k8s/pod';
import { isHostProcessPod as engineIsHostProcessPod } from '../../../src/core/validation/host-process';
import { podView } from '../../../src/core/validation/util';

const hp = (value: boolean) => ({ securityContext: { windowsOptions: { hostProcess: value } } });
const c = (extra: object = {}) => ({ name: 'c', image: 'i', ...extra });

test.each<[string, any, boolean, boolean, boolean]>([
  // description, pod spec, HostProcess pod (API server), asks for HostProcess, Windows pod
  ['nothing Windows', { containers: [c()] }, false, false, false],
  ['pod-level true', { ...hp(true), containers: [c()] }, true, true, true],
  ['pod-level true, no containers', { ...hp(true) }, true, true, true],
  ['only an init container', { initContainers: [c(hp(true))], containers: [c()] }, true, true, true],
  ['only an ephemeral container (convert once said no)', { containers: [c()], ephemeralContainers: [c(hp(true))] }, true, true, true],
  ['pod true, its one container false (the API server: no HostProcess container)', { ...hp(true), containers: [c(hp(false))] }, false, true, true],
  ['os.name Windows, no windowsOptions', { os: { name: 'Windows' }, containers: [c()] }, false, false, true],
  ['hostProcess: "true" (a string: not set)', { securityContext: { windowsOptions: { hostProcess: 'true' } }, containers: [c()] }, false, false, true],
])('%s', (_, spec, hostProcessPod, asks, windows) => {
  expect([isHostProcessPod(spec), asksForHostProcess(spec), isWindowsOrHostProcess(spec)]).toEqual([hostProcessPod, asks, windows]);
  // The engine's rules read the same definition.
  expect(engineIsHostProcessPod(podView(spec, 'spec'))).toBe(hostProcessPod);
});

test('convert writes a Pod whose only HostProcess container is ephemeral with HostProcessPod, as the engine counts it', () => {
  const yaml = 'apiVersion: v1\nkind: Pod\nmetadata: {name: debug}\nspec:\n  hostNetwork: true\n  containers: [{name: a, image: i}]\n' +
    '  ephemeralContainers: [{name: e, image: i, securityContext: {windowsOptions: {hostProcess: true}}}]\n';
  const result = convert([{ file: 'p.yaml', content: yaml }], { packageName: 'cdk8s-hostprocess', line: 27 });
  expect(result.objects).toEqual({ HostProcessPod: 1 });
});
