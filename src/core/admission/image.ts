// Image references and approved prefixes are compared as runtimes read them: normalized as
// distribution/reference normalize.go@v0.6.0 splitDockerDomain does (for ParseNormalizedNamed, which
// containerd and Docker use). The first component is the registry when it is `localhost`, has
// a `.` or `:`, or has an upper-case letter; `index.docker.io` is Docker Hub's old name, `docker.io`;
// a reference without a registry is on Docker Hub; and a Docker Hub name of one component is in
// `library/`. So `nginx:1`, `docker.io/nginx:1` and `index.docker.io/library/nginx:1` are all
// `docker.io/library/nginx:1`. Upper case is tested in ASCII only (Go's ToLower is Unicode): the
// reference grammar (regexp.go) is ASCII, so an image with other letters is not pulled at all.
import { celString } from './cel';

const HUB = 'docker.io/';
const OLD_HUB = 'index.docker.io/';
const OFFICIAL = `${HUB}library/`;
const REGISTRY = /[.:A-Z]/;
const REGISTRY_FIRST = '^(localhost|[^/]*[.:A-Z][^/]*)/';
// Docker Hub written out, then a name of one component.
const HUB_ONE_COMPONENT = '^(index\\.)?docker\\.io/[^/]+$';

/**
 * A reference (an image, or a prefix of one) with its registry written out as the runtime reads it.
 * A prefix that ends at the registry (`docker.io/`) stays whole: `library/` is added only to a name.
 */
export function normalizeImage(reference: string): string {
  const slash = reference.indexOf('/');
  if (slash < 0) {
    return `${OFFICIAL}${reference}`;
  }
  const first = reference.slice(0, slash);
  if (first !== 'localhost' && !REGISTRY.test(first)) {
    return `${HUB}${reference}`;
  }
  const registry = first === 'index.docker.io' ? 'docker.io' : first;
  const name = reference.slice(slash + 1);
  return registry === 'docker.io' && name !== '' && !name.includes('/') ? `${OFFICIAL}${name}` : `${registry}/${name}`;
}

/**
 * `normalizeImage` in CEL, of the CEL string `image`. The offsets follow an ASCII prefix, so they
 * count the same in characters (cel-go's substring()) and in UTF-16 units (the tests' evaluator).
 */
export function normalizedImageCel(image: string): string {
  return `(${image}.matches(${celString(HUB_ONE_COMPONENT)}) ? ` +
    `'${OFFICIAL}' + ${image}.substring(${image}.startsWith('${OLD_HUB}') ? ${OLD_HUB.length} : ${HUB.length}) : ` +
    `${image}.startsWith('${OLD_HUB}') ? '${HUB}' + ${image}.substring(${OLD_HUB.length}) : ` +
    `${image}.matches(${celString(REGISTRY_FIRST)}) ? ${image} : ` +
    `${image}.contains('/') ? '${HUB}' + ${image} : '${OFFICIAL}' + ${image})`;
}
