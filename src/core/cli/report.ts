// What the lint command reports, as data: located findings, the inputs it could not check, and the
// objects it checked. The command (lint.ts) makes them and the renderers (format.ts) print them;
// neither imports the other for them.

/** A finding located in an input. */
export interface LintFinding {
  readonly file: string;
  /** The 1-based index of the YAML document in the file. */
  readonly document: number;
  /**
   * The 1-based line of the finding: of its field's key when the reader knows it (or of the
   * deepest field above it that is written, for a missing field), else where the object starts.
   */
  readonly line: number;
  /** The 1-based column, as `line` (1 when only the object's line is known). */
  readonly column?: number;
  /** The 1-based line where the object starts (its document, or its entry in a `List`); `line` when not set. */
  readonly objectLine?: number;
  readonly kind: string;
  readonly name: string;
  /** The catalog rule's ID (src/core/rules/catalog.ts). */
  readonly rule: string;
  readonly field: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
  /** The rule's remediation. */
  readonly remediation: string;
  /**
   * Set when an `ignore-check.hostprocess.cdk8s.io/<rule>` annotation of the object suppresses the
   * finding: its justification (empty when the annotation has none). Not counted for the exit code.
   */
  readonly suppressed?: { readonly justification: string };
}

/** What a run read and found, in numbers (`--summary`). */
export interface LintSummary {
  /** Inputs read (files, standard input). */
  readonly files: number;
  /** Inputs not read because a skip glob matches them. */
  readonly skipped: number;
  /** Kubernetes objects read (a List's items each). */
  readonly objects: number;
  /** Objects whose pods were checked. */
  readonly checked: number;
  /** Findings that count, by severity, and the suppressed ones. */
  readonly errors: number;
  readonly warnings: number;
  readonly suppressed: number;
}

/** An input, or a document of one, that could not be read, parsed or checked. */
export interface LintProblem {
  readonly file: string;
  /** The 1-based index of the document, when the problem is in one. */
  readonly document?: number;
  /** The 1-based line, when known. */
  readonly line?: number;
  /** The 1-based column, when known (broken YAML). */
  readonly column?: number;
  /** What is wrong, without the location. */
  readonly message: string;
}

/** An object whose pods were checked (a test case of the JUnit output). */
export interface CheckedObject {
  readonly file: string;
  readonly document: number;
  readonly line: number;
  readonly kind: string;
  readonly name: string;
}
