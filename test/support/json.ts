// A GraphQL answer as tests read it: checked field by field by the assertions, so typed loosely
// once here rather than with a suppression in every test file.
export type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- GraphQL answers are checked field by field
