/**
 * The exact tslab version whose internal display function the Node platform uses (see node/tslab.ts).
 * package.json pins tslab to it, and tests/plot.kernel.test.ts checks both against a real kernel.
 */
export const TSLAB_VERSION = "1.0.22";
