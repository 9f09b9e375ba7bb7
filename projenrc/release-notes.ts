/**
 * What a release publishes, per cdk8s-plus line and registry, and the release notes that say so.
 *
 * projen's `bump` writes `dist/changelog.md` (the conventional commits since the last release tag,
 * under the new version's heading), which the release workflow makes the GitHub release's notes.
 * This script, run by `bump` after it, appends the packages of the release: every line's package in
 * every registry, all with the one version of `dist/version.txt`.
 *
 * Usage: ts-node projenrc/release-notes.ts (CHANGELOG and BUMPFILE as `bump` sets them)
 */
import * as fs from 'fs';
import * as path from 'path';
import { ROOT } from './assembly';
import { KplusLine, kplusLines } from './lines';

/** The jsii targets of a line's package, as `.projenrc.ts` writes them to `projenrc/kplus-lines.json`. */
interface LineTargets {
  readonly python: { readonly distName: string; readonly module: string };
  readonly java: { readonly package: string; readonly maven: { readonly groupId: string; readonly artifactId: string } };
  readonly dotnet: { readonly namespace: string; readonly packageId: string };
  readonly go: { readonly moduleName: string; readonly packageName?: string };
}

/** The names a line's package is published under, one per registry. */
export interface PublishedNames {
  /** npm package. */
  readonly npm: string;
  /** PyPI distribution. */
  readonly pypi: string;
  /** Maven Central `groupId:artifactId`. */
  readonly maven: string;
  /** NuGet package ID. */
  readonly nuget: string;
  /**
   * Go module path as jsii-pacmak writes it for versions below 2.0.0: the target's module name and
   * the package name (the target's, else the npm name without its punctuation).
   */
  readonly go: string;
}

export function publishedNames(line: KplusLine): PublishedNames {
  const targets = line.targets as unknown as LineTargets;
  const goPackage = targets.go.packageName ?? line.npmName.replace(/[^a-z0-9.]/gi, '').toLowerCase();
  return {
    npm: line.npmName,
    pypi: targets.python.distName,
    maven: `${targets.java.maven.groupId}:${targets.java.maven.artifactId}`,
    nuget: targets.dotnet.packageId,
    go: `${targets.go.moduleName}/${goPackage}`,
  };
}

/** The section the release notes end with: every package of the release, at `version`. */
export function packagesSection(lines: KplusLine[], version: string): string {
  const major = Number(version.split('.')[0]);
  // From 2.0.0 on, a Go module path ends with its major version (jsii-pacmak writes it so).
  const goSuffix = major >= 2 ? `/v${major}` : '';
  const rows = lines.map((line) => {
    const names = publishedNames(line);
    return `| cdk8s-plus-${line.line} | \`${names.npm}@${version}\` | \`${names.pypi}==${version}\` | ` +
      `\`${names.maven}:${version}\` | \`${names.nuget}\` ${version} | \`${names.go}${goSuffix}@v${version}\` |`;
  });
  return [
    '### Packages',
    '',
    `Every package of this release has version ${version}, built from the same source: install the one for your app's cdk8s-plus line.`,
    '',
    '| cdk8s-plus line | npm | PyPI | Maven Central | NuGet | Go |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n');
}

function main(): number {
  const changelog = path.resolve(ROOT, process.env.CHANGELOG ?? 'dist/changelog.md');
  const versionFile = path.resolve(ROOT, process.env.BUMPFILE ?? 'dist/version.txt');
  for (const file of [changelog, versionFile]) {
    if (!fs.existsSync(file)) {
      console.error(`release-notes: ${path.relative(ROOT, file)} does not exist: run "npx projen bump" first`);
      return 1;
    }
  }
  const version = fs.readFileSync(versionFile, 'utf-8').trim();
  const lines = [...kplusLines()].sort((a, b) => a.line - b.line);
  const notes = fs.readFileSync(changelog, 'utf-8').trimEnd();
  fs.writeFileSync(changelog, `${notes}\n\n${packagesSection(lines, version)}`);
  console.log(`release-notes: ${path.relative(ROOT, changelog)}: the ${lines.length} lines' packages at ${version}`);
  return 0;
}

if (require.main === module) {
  process.exitCode = main();
}
