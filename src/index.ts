export * from './host-process-user';
export * from './windows-build';
export * from './host-process-props';
export * from './update-strategy';
export * from './daemon-set';
export * from './pod';
export * from './validation/finding';
