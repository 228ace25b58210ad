/** A `.graphql` document, bundled by esbuild as its text (loader `text`). */
declare module '*.graphql' {
  const document: string;
  export default document;
}
