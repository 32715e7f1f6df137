/** An empty module for Node built-ins that TypeScript's compiler only touches when it runs under Node. */
export default {};
