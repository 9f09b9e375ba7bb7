// The public API. Two layers (docs/development.md "Layout"): `core/` needs no cdk8s-plus (the rules engine, the
// lint command, the Windows helpers) and `plus/` holds the constructs on top of cdk8s-plus, whose one
// import is `plus/kplus.ts`.

// core: Windows helpers
export * from './core/windows/host-process-user';
export * from './core/windows/windows-build';
export * from './core/windows/sandbox-path';
export * from './core/windows/kubernetes-expansion';
export * from './core/windows/powershell';
export * from './core/windows/cmd';
export * from './core/windows/host-process-priority';
export { WindowsPathOptions } from './core/windows/env';
// core: the rules engine
export * from './core/validation/finding';
export * from './core/validation/validator';
// core: the lint as a cdk8s validation plugin (cdk8s.yaml `validations:`)
export * from './core/cli/validation-plugin';
// core: the admission policy's enforcement
export * from './core/admission/admission-enforcement';
export * from './core/admission/admission-commands';

// plus: the constructs and their settings
export * from './plus/host-process-props';
export * from './plus/host-process-settings';
export { HostProcessWarnings } from './plus/warnings';
export * from './plus/update-strategy';
export * from './plus/daemon-set';
export * from './plus/pod';
export * from './plus/deployment';
export * from './plus/job';
export * from './plus/cron-job';
export * from './plus/host-process-env';
export * from './plus/tolerations';
export * from './plus/probe';
export * from './plus/termination-message';
export * from './plus/namespace';
export * from './plus/admission-policy';
