/**
 * The release of every cdk8s-plus line's package, in every jsii language, by projen's release
 * workflow and publib, the way projen releases the root package.
 *
 * What projen generates for a jsii library: the `release` job runs `npx projen release` (bump the
 * version from the git tags and write the changelog, build, test, `package`) and uploads `dist/`;
 * one publish job per registry (`release_npm`, `release_pypi`, `release_maven`, `release_nuget`,
 * `release_golang`) checks the repository out into `.repo`, unpacks the npm tarball of `dist/js/`
 * over it, runs `npx projen package:<language>` there and gives publib the `dist/<language>/` it
 * writes. publib publishes every package it finds there: each npm tarball, wheel, Maven POM and
 * NuGet package, and every Go module (one commit and a tag per module in the Go repository).
 *
 * What this adds, so that the same jobs publish every line:
 * - `package:<language>` packs every line's package after the root's, from each line's staged
 *   folder `dist/lines/<line>` (projenrc/lines.ts), into the same `dist/<language>/`;
 * - the `Extract build artifact` step of the publish jobs (and of the build workflow's `package-*`
 *   jobs, which run the same packaging on pull requests) unpacks the root's tarball over `.repo` and
 *   each line's into `.repo/dist/lines/<line>`: `dist/js/` holds one tarball per line, which
 *   projen's `tar ... dist/js/*.tgz` would take for one archive and its members;
 * - `bump` appends the packages of the release to the changelog (projenrc/release-notes.ts).
 * One version for all: `bump` writes it to package.json before `compile` stages each line, whose
 * package.json takes the root's version (projenrc/lines.ts).
 */
import * as posixPath from 'path/posix';
import { Component, Project, github } from 'projen';
import { PACKAGE_TARGETS } from './lines';

/** What the release needs to know of a cdk8s-plus line. */
export interface ReleasedLine {
  readonly line: number;
  readonly npmName: string;
  readonly root: boolean;
}

/** The step projen's jsii packaging unpacks the build's npm tarball with, and its command. */
export const EXTRACT_STEP = 'Extract build artifact';
const PROJEN_EXTRACT = /^tar --strip-components=1 -xzvf (\S+)\/js\/\*\.tgz -C (\S+)$/;

/** Where a line that is not the root is staged, relative to the repository (projenrc/lines.ts' lineDir). */
export function lineFolder(line: ReleasedLine): string {
  return posixPath.join('dist', 'lines', String(line.line));
}

/** The command that unpacks every line's npm tarball from `artifacts/js/` where packaging reads it. */
export function extractCommand(lines: ReleasedLine[], artifacts: string, workDir: string): string {
  const tarball = (line: ReleasedLine) => `${artifacts}/js/${line.npmName}@*.jsii.tgz`;
  return lines.map((line) => {
    if (line.root) {
      return `tar --strip-components=1 -xzvf ${tarball(line)} -C ${workDir}`;
    }
    const dir = posixPath.join(workDir, lineFolder(line));
    return `mkdir -p ${dir} && tar --strip-components=1 -xzf ${tarball(line)} -C ${dir}`;
  }).join('\n');
}

/** Rewrites the extract step of every jsii packaging job of `workflowNames`; runs after projen adds the release's jobs. */
class ExtractEveryLine extends Component {
  constructor(project: Project, private readonly lines: ReleasedLine[], private readonly workflowNames: string[]) {
    super(project);
  }

  preSynthesize(): void {
    for (const name of this.workflowNames) {
      const workflow = github.GitHub.of(this.project)?.tryFindWorkflow(name);
      if (!workflow) {
        throw new Error(`projenrc/release.ts: no ${name} workflow`);
      }
      let rewritten = 0;
      for (const [id, job] of Object.entries(workflow.jobs)) {
        // (A job projen renders from a task has its steps as a function: none of those unpacks tarballs.)
        const steps = (job as github.workflows.Job).steps;
        if (!Array.isArray(steps) || !steps.some((step) => step.name === EXTRACT_STEP)) continue;
        const newSteps = steps.map((step): github.workflows.JobStep => {
          if (step.name !== EXTRACT_STEP) return step;
          const match = PROJEN_EXTRACT.exec(step.run ?? '');
          if (!match) {
            throw new Error(`projenrc/release.ts: ${name}.yml job ${id}: step "${EXTRACT_STEP}" runs "${step.run}", not projen's tar of ${PROJEN_EXTRACT}: update the rewrite`);
          }
          return { ...step, run: extractCommand(this.lines, match[1], match[2]) };
        });
        workflow.updateJob(id, { ...(job as github.workflows.Job), steps: newSteps });
        rewritten++;
      }
      if (rewritten === 0) {
        throw new Error(`projenrc/release.ts: ${name}.yml has no "${EXTRACT_STEP}" step: projen's jsii packaging jobs changed, update the rewrite`);
      }
    }
  }
}

/**
 * Makes the release (and the pull-request build's packaging jobs) build and publish every line's
 * package in every language. `linesScript` and `notesScript` are the commands that run
 * projenrc/lines.ts and projenrc/release-notes.ts.
 */
export function releaseEveryLine(project: Project, lines: ReleasedLine[], linesScript: string, notesScript: string): void {
  if (lines.filter((l) => l.root).length !== 1) {
    throw new Error('projenrc/release.ts: exactly one line must be the root package');
  }
  for (const target of PACKAGE_TARGETS) {
    const task = project.tasks.tryFind(`package:${target}`);
    if (!task) {
      throw new Error(`projenrc/release.ts: no package:${target} task: is the language published?`);
    }
    task.description = `Creates the ${target} package of every cdk8s-plus line (the root's, then each line's) in dist/${target}`;
    task.exec(`${linesScript} package --target ${target}`);
  }
  // The packages of the release, at its version, at the end of its notes (dist/changelog.md).
  project.tasks.tryFind('bump')!.exec(notesScript);
  new ExtractEveryLine(project, lines, ['release', 'build']);
}
