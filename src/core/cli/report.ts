// What the lint command reports, as data: located findings, the inputs it could not check, and the
// objects it checked. The command (lint.ts) makes them and the renderers (format.ts) print them;
// neither imports the other for them.

/** A finding located in an input. */
export interface LintFinding {
  readonly file: string;
  /** The 1-based index of the YAML document in the file. */
  readonly document: number;
  /** The 1-based line where the object starts (its document, or its entry in a `List`). */
  readonly line: number;
  readonly kind: string;
  readonly name: string;
  /** The catalog rule's ID (src/core/rules/catalog.ts). */
  readonly rule: string;
  readonly field: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
  /** The rule's remediation. */
  readonly remediation: string;
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
