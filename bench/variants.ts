// The three ways of writing the same DaemonSet that the bench compares. Kept apart from
// scenarios.ts so that the orchestrator does not load the library it measures.
export type Variant = 'hostprocess' | 'kplus' | 'raw';
export const VARIANTS: Variant[] = ['hostprocess', 'kplus', 'raw'];
