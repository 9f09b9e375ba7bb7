// The one import of cdk8s-plus in the library. Every construct imports kplus from here, so that one
// source tree builds a package per cdk8s-plus line: `projenrc/lines.ts` copies `src/` and rewrites
// the module name below for each line of `.projenrc.ts`, and the jest project of each line maps it.
//
// What the lines add that the constructs must know of, and how each is treated, is the table in
// `./line-props.ts`; the code reads those props by name so that it compiles against every line.
export * from 'cdk8s-plus-27';
